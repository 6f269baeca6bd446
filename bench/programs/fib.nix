# Calls: naive Fibonacci, about 2.7 million function applications.
let fib = n: if n < 2 then n else fib (n - 1) + fib (n - 2);
in fib 30
