using ArCollect.Domain.Messaging;
using ArCollect.Infrastructure.Email;
using ArCollect.Infrastructure.Jobs;
using ArCollect.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace ArCollect.IntegrationTests.Email;

/// <summary>Outbox helpers for tests against a real SMTP server: write messages, run senders and the send job, read rows.</summary>
internal sealed class OutboxTestKit(TestDatabase db, SmtpTestServer smtp)
{
    /// <summary>The app's email services pointed at the test SMTP server's port, for <see cref="TestDatabase.ConfigureServices"/>.</summary>
    public static void AddEmail(IServiceCollection services, int smtpPort) =>
        services.AddArCollectEmail(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Email:SmtpHost"] = "127.0.0.1",
            ["Email:SmtpPort"] = smtpPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Email:Security"] = "None",
            ["Email:BatchSize"] = "3",
            ["Email:FromAddress"] = "AR <ar@northwind.example>",
        }).Build(), Path.GetTempPath());

    public async Task<int> SendAsync(Guid tenant, int batch = 50)
    {
        await using var scope = db.ForTenant(tenant);
        var options = Microsoft.Extensions.Options.Options.Create(new EmailOptions
        {
            SmtpHost = "127.0.0.1",
            SmtpPort = smtp.Port,
            Security = SmtpSecurity.None,
            BatchSize = batch,
            FromAddress = "AR <ar@northwind.example>",
        });
        var transport = new SmtpMailTransport(options);
        var sender = new OutboxSender(scope.Db, transport, transport, scope.Services.GetRequiredService<MailSecrets>(), options, db.Time, NullLogger<OutboxSender>.Instance);
        return await sender.SendDueAsync(CancellationToken.None);
    }

    public Task RunJobAsync() => db.Services.GetRequiredService<OutboxSendJob>().RunAllAsync(CancellationToken.None);

    public async Task<List<OutboxMessage>> EnqueueAsync(Guid tenant, int count, Guid? customerId = null, string? to = null)
    {
        await using var scope = db.ForTenant(tenant);
        var prefix = Guid.NewGuid().ToString("N")[..6];
        for (var i = 0; i < count; i++)
        {
            await OutboxWriter.EnqueueAsync(scope.Db, new OutboxMessage
            {
                IdempotencyKey = $"test:{prefix}:{i}",
                CustomerId = customerId,
                ToAddresses = to ?? $"Customer {i} <c{i}@example.com>",
                Subject = $"Message {i}",
                TextBody = "Hello",
                MessageId = MessageComposer.NewMessageId("test.local"),
                NotBefore = db.Time.GetUtcNow(),
                CreatedAt = db.Time.GetUtcNow(),
            }, CancellationToken.None);
        }

        return await scope.Db.OutboxMessages.AsNoTracking().Where(m => m.IdempotencyKey.StartsWith($"test:{prefix}:")).ToListAsync();
    }

    public async Task<List<OutboxMessage>> RowsAsync(Guid tenant)
    {
        await using var scope = db.ForTenant(tenant);
        return await scope.Db.OutboxMessages.AsNoTracking().OrderBy(m => m.IdempotencyKey).ToListAsync();
    }

    public async Task<List<JobRun>> JobRunsAsync(Guid tenant)
    {
        await using var scope = db.ForTenant(tenant);
        return await scope.Db.JobRuns.AsNoTracking().OrderBy(r => r.StartedAt).ToListAsync();
    }

    /// <summary>Runs SQL as the database owner, outside row-level security: triggers that simulate failures.</summary>
    public async Task AdminSqlAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(db.AdminConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>Each Message-ID the server accepted, with how many times it did.</summary>
    public Dictionary<string, int> DeliveriesByMessageId() =>
        smtp.Received().GroupBy(m => m.MessageId ?? "").ToDictionary(g => g.Key, g => g.Count());
}
