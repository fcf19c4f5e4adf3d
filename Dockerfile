# The streams pipeline as a container (CPU): `docker compose up` builds this. For NVIDIA hosts see docker/gpu.Dockerfile.
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY . .
# setup.sh installs the system packages and restores NuGet (ONNX Runtime comes as the Microsoft.ML.OnnxRuntime.Gpu
# package); publishing for linux-x64 keeps only the Linux native libraries.
RUN bash scripts/setup.sh \
 && dotnet publish pipeline/Streams.Cli/Streams.Cli.csproj -c Release -r linux-x64 --self-contained false -o /app

# ASP.NET Core runtime: the HTTP API is a minimal API on Kestrel.
FROM mcr.microsoft.com/dotnet/aspnet:10.0
RUN apt-get update -qq \
 && apt-get install -y -qq --no-install-recommends ffmpeg libturbojpeg0 \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /streams
COPY --from=build /app /streams/bin
COPY --from=build /src/models /streams/models
COPY configs /streams/configs
COPY schemas /streams/schemas
COPY sample-streams /streams/sample-streams
ENTRYPOINT ["dotnet", "/streams/bin/streams.dll"]
CMD ["demo"]
