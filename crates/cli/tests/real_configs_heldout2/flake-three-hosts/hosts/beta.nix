{ ... }: { services.postgresql.enable = true; }
