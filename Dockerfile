# The greenlight image: the single-file binary that build/publish.sh makes, on Microsoft's chiseled
# runtime-deps base (no shell, no package manager, runs as the non-root user `app`).
#
#   build/publish.sh && docker build -t greenlight .
#   docker run --rm -v "$PWD:/work" greenlight check -f greenlight.yaml --no-store
FROM mcr.microsoft.com/dotnet/runtime-deps:10.0-noble-chiseled
COPY dist/linux-x64/greenlight /usr/local/bin/greenlight
WORKDIR /work
ENTRYPOINT ["/usr/local/bin/greenlight"]
CMD ["--help"]
