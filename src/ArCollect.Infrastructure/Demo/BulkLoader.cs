using System.Collections.Concurrent;
using System.Linq.Expressions;
using ArCollect.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Npgsql;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;
using NpgsqlTypes;

namespace ArCollect.Infrastructure.Demo;

/// <summary>
/// Inserts many entities with PostgreSQL binary COPY, reading tables, columns and value converters from the EF
/// Core model. Rows go through the context's own connection, so they land as the application role for the
/// context's tenant, and row-level security checks every one of them.
/// </summary>
public static class BulkLoader
{
    private static readonly ConcurrentDictionary<(IModel Model, Type Type), object> Plans = new();

    /// <summary>
    /// Inserts <paramref name="rows"/> (streamed once) and returns how many were inserted. Joins the context's
    /// current transaction if there is one, else runs in its own. Computed and identity columns are left to
    /// the database.
    /// </summary>
    public static async Task<int> InsertAsync<T>(ArCollectDbContext db, IEnumerable<T> rows, CancellationToken cancellationToken)
        where T : class
    {
        var plan = (CopyPlan<T>)Plans.GetOrAdd((db.Model, typeof(T)), key => CopyPlan<T>.Create(key.Model));

        // Opening through EF runs the tenant interceptor: SET ROLE to the application role and app.tenant_id.
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            var connection = (NpgsqlConnection)db.Database.GetDbConnection();
            await using var ownTransaction = db.Database.CurrentTransaction is null
                ? await db.Database.BeginTransactionAsync(cancellationToken)
                : null;

            // COPY FROM is refused on tables with row-level security, so rows are copied into a private temporary
            // table and moved with INSERT ... SELECT, where the policy's WITH CHECK sees every row.
            await ExecuteAsync(connection, plan.CreateStageSql, cancellationToken);
            await using (var importer = await connection.BeginBinaryImportAsync(plan.CopySql, cancellationToken))
            {
                foreach (var row in rows)
                {
                    await importer.StartRowAsync(cancellationToken);
                    foreach (var column in plan.Columns)
                    {
                        await column.WriteAsync(importer, row, cancellationToken);
                    }
                }

                await importer.CompleteAsync(cancellationToken);
            }

            var inserted = await ExecuteAsync(connection, plan.InsertSql, cancellationToken);

            // Dropped now rather than at commit, so one transaction can load the same entity type twice.
            await ExecuteAsync(connection, plan.DropStageSql, cancellationToken);
            if (ownTransaction is not null)
            {
                await ownTransaction.CommitAsync(cancellationToken);
            }

            return inserted;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private static async Task<int> ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        // Moving millions of staged rows can outlast Npgsql's default 30 s; the caller's token still cancels.
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>The SQL and column writers for one entity type, built once per model.</summary>
    private sealed class CopyPlan<T>
        where T : class
    {
        private CopyPlan(string table, string stage, IReadOnlyList<CopyColumn<T>> columns)
        {
            Columns = columns;
            var names = string.Join(", ", columns.Select(c => Quote(c.Name)));

            // Not LIKE ... INCLUDING DEFAULTS: that copies NOT NULL onto stored generated columns (invoices.balance)
            // without their expression. Selecting just the copied columns keeps their exact types and nothing else.
            CreateStageSql = $"CREATE TEMP TABLE {stage} ON COMMIT DROP AS SELECT {names} FROM {table} WITH NO DATA";
            CopySql = $"COPY {stage} ({names}) FROM STDIN (FORMAT BINARY)";
            InsertSql = $"INSERT INTO {table} ({names}) SELECT {names} FROM {stage}";
            DropStageSql = $"DROP TABLE {stage}";
        }

        public IReadOnlyList<CopyColumn<T>> Columns { get; }
        public string CreateStageSql { get; }
        public string CopySql { get; }
        public string InsertSql { get; }
        public string DropStageSql { get; }

        public static CopyPlan<T> Create(IModel model)
        {
            var entityType = model.FindEntityType(typeof(T))
                ?? throw new InvalidOperationException($"{typeof(T).Name} is not an entity type of the model.");
            var tableName = entityType.GetTableName()
                ?? throw new InvalidOperationException($"{typeof(T).Name} is not mapped to a table.");
            if (entityType.BaseType is not null || entityType.GetDirectlyDerivedTypes().Any() || entityType.GetComplexProperties().Any())
            {
                throw new NotSupportedException($"Bulk loading {typeof(T).Name} is not supported: inheritance and complex properties are not handled.");
            }

            var schema = entityType.GetSchema();
            var store = StoreObjectIdentifier.Table(tableName, schema);
            var columns = entityType.GetProperties()
                .Where(p => p.GetComputedColumnSql(store) is null && !IsIdentity(p))
                .Select(p => CopyColumn<T>.Create(p, store))
                .ToList();
            var table = schema is null ? Quote(tableName) : $"{Quote(schema)}.{Quote(tableName)}";
            return new CopyPlan<T>(table, Quote($"stage_{tableName}"), columns);
        }

        private static bool IsIdentity(IProperty property) => property.GetValueGenerationStrategy()
            is NpgsqlValueGenerationStrategy.IdentityByDefaultColumn
            or NpgsqlValueGenerationStrategy.IdentityAlwaysColumn
            or NpgsqlValueGenerationStrategy.SerialColumn;

        private static string Quote(string identifier) => $"\"{identifier.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";
    }

    /// <summary>One column: how to read it from the entity, convert it to the provider value, and its wire type.</summary>
    private sealed record CopyColumn<T>(string Name, Func<T, object?> Get, ValueConverter? Converter, NpgsqlDbType DbType)
    {
        public static CopyColumn<T> Create(IProperty property, StoreObjectIdentifier store)
        {
            if (property.IsShadowProperty() || (property.PropertyInfo is null && property.FieldInfo is null))
            {
                throw new NotSupportedException($"{typeof(T).Name}.{property.Name} has no CLR member to read; shadow properties cannot be bulk loaded.");
            }

            var entity = Expression.Parameter(typeof(T), "entity");
            Expression member = property.PropertyInfo is { } info ? Expression.Property(entity, info) : Expression.Field(entity, property.FieldInfo!);
            var get = Expression.Lambda<Func<T, object?>>(Expression.Convert(member, typeof(object)), entity).Compile();

            var converter = property.GetTypeMapping().Converter;
            var providerType = converter?.ProviderClrType ?? property.ClrType;
            var type = NpgsqlTypeFor(Nullable.GetUnderlyingType(providerType) ?? providerType, property.GetColumnType(store));
            var name = property.GetColumnName(store)
                ?? throw new InvalidOperationException($"{typeof(T).Name}.{property.Name} is not mapped to a column.");
            return new CopyColumn<T>(name, get, converter, type);
        }

        public async Task WriteAsync(NpgsqlBinaryImporter importer, T row, CancellationToken cancellationToken)
        {
            var value = Get(row);
            if (value is not null && Converter is not null)
            {
                value = Converter.ConvertToProvider(value);
            }

            if (value is null)
            {
                await importer.WriteNullAsync(cancellationToken);
                return;
            }

            // timestamptz takes UTC instants only.
            if (value is DateTimeOffset instant)
            {
                value = instant.ToUniversalTime();
            }

            await importer.WriteAsync(value, DbType, cancellationToken);
        }

        private static NpgsqlDbType NpgsqlTypeFor(Type type, string? columnType)
        {
            if (type == typeof(string))
            {
                return columnType switch
                {
                    null => NpgsqlDbType.Text,
                    _ when columnType.StartsWith("character varying", StringComparison.Ordinal) => NpgsqlDbType.Varchar,
                    _ when columnType.StartsWith("character", StringComparison.Ordinal) => NpgsqlDbType.Char,
                    "jsonb" => NpgsqlDbType.Jsonb,
                    "json" => NpgsqlDbType.Json,
                    _ => NpgsqlDbType.Text,
                };
            }

            return Type.GetTypeCode(type) switch
            {
                TypeCode.Boolean => NpgsqlDbType.Boolean,
                TypeCode.Int16 => NpgsqlDbType.Smallint,
                TypeCode.Int32 => NpgsqlDbType.Integer,
                TypeCode.Int64 => NpgsqlDbType.Bigint,
                TypeCode.Single => NpgsqlDbType.Real,
                TypeCode.Double => NpgsqlDbType.Double,
                TypeCode.Decimal => NpgsqlDbType.Numeric,
                _ when type == typeof(Guid) => NpgsqlDbType.Uuid,
                _ when type == typeof(DateOnly) => NpgsqlDbType.Date,
                _ when type == typeof(DateTimeOffset) => NpgsqlDbType.TimestampTz,
                _ when type == typeof(byte[]) => NpgsqlDbType.Bytea,
                _ => throw new NotSupportedException($"Bulk loading a {type.Name} column ({columnType}) is not supported."),
            };
        }
    }
}
