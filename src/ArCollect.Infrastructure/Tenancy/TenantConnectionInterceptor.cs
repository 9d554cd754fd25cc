using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace ArCollect.Infrastructure.Tenancy;

/// <summary>
/// On every opened connection, drops to the application role (which row-level security applies to) and
/// sets <c>app.tenant_id</c>, so the database itself refuses rows of other tenants even to raw SQL.
/// </summary>
public sealed class TenantConnectionInterceptor(TenantContext tenant) : DbConnectionInterceptor
{
    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var command = CreateCommand(connection);
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        await using var command = CreateCommand(connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private DbCommand CreateCommand(DbConnection connection)
    {
        var command = connection.CreateCommand();
        command.CommandText = $"SET ROLE {DatabaseSecurity.AppRole}; SELECT set_config('app.tenant_id', @tenant, false);";
        var parameter = command.CreateParameter();
        parameter.ParameterName = "tenant";
        parameter.Value = tenant.TenantId?.ToString() ?? string.Empty;
        command.Parameters.Add(parameter);
        return command;
    }
}
