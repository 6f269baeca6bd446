[ "${./fixtures/data.txt}" "${./fixtures/exec.sh}" "${./fixtures/dir}" ]
