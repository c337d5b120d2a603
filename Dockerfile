# The greenlight image: the Native AOT binary that build/publish.sh makes, with the SQLite library it
# loads from beside itself, on Microsoft's chiseled runtime-deps base (no shell, no package manager,
# runs as the non-root user `app`).
#
#   build/publish.sh && docker build -t greenlight .
#   docker run --rm -v "$PWD:/work" greenlight check -f greenlight.yaml --no-store
FROM mcr.microsoft.com/dotnet/runtime-deps:10.0-noble-chiseled
COPY dist/linux-x64/greenlight /usr/local/bin/greenlight
COPY dist/linux-x64/libe_sqlite3.so /usr/local/bin/libe_sqlite3.so
WORKDIR /work
ENTRYPOINT ["/usr/local/bin/greenlight"]
CMD ["--help"]
