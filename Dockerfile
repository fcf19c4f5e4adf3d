# The streams pipeline as a container: `docker compose up` builds this.
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY . .
RUN apt-get update -qq && apt-get install -y -qq --no-install-recommends npm \
 && bash scripts/setup.sh \
 && dotnet publish pipeline/Streams.Cli/Streams.Cli.csproj -c Release -o /app

# ASP.NET Core runtime: the HTTP API is a minimal API on Kestrel.
FROM mcr.microsoft.com/dotnet/aspnet:10.0
RUN apt-get update -qq \
 && apt-get install -y -qq --no-install-recommends ffmpeg libturbojpeg0 util-linux \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /streams
COPY --from=build /app /streams/bin
COPY --from=build /src/.native /streams/.native
COPY --from=build /src/models /streams/models
COPY configs /streams/configs
COPY schemas /streams/schemas
COPY sample-streams /streams/sample-streams
ENV STREAMS_ORT_LIBRARY=/streams/.native/onnxruntime/libonnxruntime.so.1
ENTRYPOINT ["dotnet", "/streams/bin/streams.dll"]
CMD ["demo"]
