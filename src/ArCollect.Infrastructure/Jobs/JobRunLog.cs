using ArCollect.Infrastructure.Common;
using ArCollect.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace ArCollect.Infrastructure.Jobs;

/// <summary>Writes and reads a tenant's <see cref="JobRun"/> rows: failures, repeats of a failure, and the recovery after one.</summary>
public static class JobRunLog
{
    private static readonly TimeSpan KeepFor = TimeSpan.FromDays(90);

    /// <param name="problem">Null when the run succeeded; otherwise what went wrong, in words the Admin can act on.</param>
    public static async Task<bool> RecordAsync(ArCollectDbContext db, string job, DateTimeOffset started, DateTimeOffset finished, string? problem, CancellationToken ct)
    {
        var message = ColumnText.FitOrNull(problem, 2000);
        var last = await db.JobRuns.Where(r => r.Job == job).OrderByDescending(r => r.StartedAt).FirstOrDefaultAsync(ct);
        if (message is null && last is not { Outcome: JobOutcome.Failed })
        {
            return false;
        }

        if (last is not null && last.Outcome == (message is null ? JobOutcome.Succeeded : JobOutcome.Failed) && last.Message == message)
        {
            last.FinishedAt = finished;
            last.Occurrences++;
        }
        else
        {
            db.JobRuns.Add(new JobRun
            {
                Id = Guid.CreateVersion7(),
                Job = job,
                StartedAt = started,
                FinishedAt = finished,
                Outcome = message is null ? JobOutcome.Succeeded : JobOutcome.Failed,
                Message = message ?? "Ran again without error.",
            });
            await db.JobRuns.Where(r => r.StartedAt < finished - KeepFor).ExecuteDeleteAsync(ct);
        }

        await db.SaveChangesAsync(ct);
        return true;
    }

    /// <summary>The tenant's latest rows, newest first, for Settings > Mail and the Outbox page.</summary>
    public static Task<List<JobRun>> RecentAsync(ArCollectDbContext db, int count, CancellationToken ct) =>
        db.JobRuns.AsNoTracking().OrderByDescending(r => r.FinishedAt).Take(count).ToListAsync(ct);

    /// <summary>Whether the job's latest recorded outcome for this tenant is a failure not yet followed by a success.</summary>
    public static async Task<JobRun?> OpenFailureAsync(ArCollectDbContext db, string job, CancellationToken ct)
    {
        var last = await db.JobRuns.AsNoTracking().Where(r => r.Job == job).OrderByDescending(r => r.StartedAt).FirstOrDefaultAsync(ct);
        return last is { Outcome: JobOutcome.Failed } ? last : null;
    }
}
