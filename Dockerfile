# Build and run ArCollect.Web. Used by docker-compose.yml; needs a Docker engine.
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY global.json Directory.Build.props Directory.Packages.props .editorconfig ArCollect.sln ./
COPY src/ src/
RUN dotnet publish src/ArCollect.Web/ArCollect.Web.csproj -c Release -o /app

FROM mcr.microsoft.com/dotnet/aspnet:10.0
WORKDIR /app
COPY --from=build /app .
ENV ASPNETCORE_URLS=http://+:8080
EXPOSE 8080
ENTRYPOINT ["dotnet", "ArCollect.Web.dll"]
