# The streams pipeline for NVIDIA hosts (driver for CUDA 13 and the NVIDIA Container Toolkit on the host):
#   docker compose -f docker-compose.yml -f docker-compose.gpu.yml up --build
# ONNX Runtime 1.31's GPU providers (Microsoft.ML.OnnxRuntime.Gpu.Linux) need CUDA 13.x (libcudart.so.13,
# libcublas.so.13, libcublasLt.so.13, libcurand.so.10), cuDNN 9 (libcudnn.so.9) and, for tensorrt, TensorRT 10
# (libnvinfer.so.10, libnvonnxparser.so.10); the driver's libcuda.so.1 comes from the host through the toolkit.
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY . .
RUN bash scripts/setup.sh \
 && dotnet publish pipeline/Streams.Cli/Streams.Cli.csproj -c Release -r linux-x64 --self-contained false -o /app

FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS dotnet

# CUDA 13 with cuDNN 9 on Ubuntu 24.04, from NVIDIA; TensorRT 10 from the same NVIDIA apt repository.
FROM nvidia/cuda:13.0.1-cudnn-runtime-ubuntu24.04
RUN apt-get update -qq \
 && apt-get install -y -qq --no-install-recommends ffmpeg libturbojpeg libicu74 \
      libnvinfer10 libnvonnxparsers10 \
 && rm -rf /var/lib/apt/lists/*
COPY --from=dotnet /usr/share/dotnet /usr/share/dotnet
RUN ln -s /usr/share/dotnet/dotnet /usr/bin/dotnet
WORKDIR /streams
COPY --from=build /app /streams/bin
COPY --from=build /src/models /streams/models
COPY configs /streams/configs
COPY schemas /streams/schemas
COPY sample-streams /streams/sample-streams
COPY scripts/gpu-check.sh /streams/scripts/gpu-check.sh
ENV NVIDIA_VISIBLE_DEVICES=all NVIDIA_DRIVER_CAPABILITIES=compute,utility,video
ENTRYPOINT ["dotnet", "/streams/bin/streams.dll"]
CMD ["providers", "--require", "tensorrt,cuda"]
