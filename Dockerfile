# syntax=docker/dockerfile:1
# Zhen: one static binary (cgo SQLite with FTS5) on a distroless base.
#   docker build -t zhen . && docker run -p 8080:8080 -v zhen-data:/data zhen
# The binary is built by .ci/build.sh, the same script CI builds with.

FROM golang:1.26-bookworm AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
ARG VERSION=dev
RUN bash .ci/build.sh /out/zhen "$VERSION" \
 && mkdir -p /out/data

FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /out/zhen /zhen
# /data belongs to the image's non-root user (65532) so the volume is writable.
COPY --from=build --chown=65532:65532 /out/data /data
USER nonroot:nonroot
ENV ZHEN_DB=/data/zhen.db
VOLUME ["/data"]
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=5s --start-period=10s --retries=3 \
  CMD ["/zhen", "healthcheck", "--url", "http://127.0.0.1:8080/healthz"]
ENTRYPOINT ["/zhen"]
CMD ["serve", "--addr", "0.0.0.0:8080"]
