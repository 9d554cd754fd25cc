using Microsoft.EntityFrameworkCore.Design;
using Npgsql;

namespace ArCollect.Infrastructure.Data;

/// <summary>Lets <c>dotnet ef migrations add</c> build the model without starting the app.</summary>
public sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<ArCollectDbContext>
{
    public ArCollectDbContext CreateDbContext(string[] args) =>
        DatabaseMigrator.CreateOwnerContext(new NpgsqlDataSourceBuilder("Host=localhost;Database=arcollect_design").Build());
}
