using ArCollect.Domain.Dunning;
using ArCollect.Infrastructure.Data;
using ArCollect.Infrastructure.Tenancy;
using ArCollect.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace ArCollect.Web.Tests.Dunning;

public sealed class ReminderPolicyPageTests(AppFixture app) : IClassFixture<AppFixture>
{
    private async Task<List<ReminderStep>> StepsAsync(Guid tenantId)
    {
        await using var scope = app.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<TenantContext>().Set(tenantId);
        return await scope.ServiceProvider.GetRequiredService<ArCollectDbContext>().ReminderSteps.OrderBy(s => s.OffsetDays).ToListAsync();
    }

    private static List<KeyValuePair<string, string>> Form(IReadOnlyList<ReminderStep> steps, Action<List<KeyValuePair<string, string>>>? extra = null)
    {
        var fields = new List<KeyValuePair<string, string>>();
        for (var i = 0; i < steps.Count; i++)
        {
            fields.Add(new($"Input.Steps[{i}].Id", steps[i].Id.ToString()));
            fields.Add(new($"Input.Steps[{i}].OffsetDays", steps[i].OffsetDays.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            fields.Add(new($"Input.Steps[{i}].Tone", ((int)steps[i].Tone).ToString(System.Globalization.CultureInfo.InvariantCulture)));
            fields.Add(new($"Input.Steps[{i}].Email", "true"));
        }

        extra?.Invoke(fields);
        return fields;
    }

    [Fact]
    public async Task Admin_adds_a_step_to_the_default_policy()
    {
        var company = await TenantSeed.CreateCompanyAsync(app, "Policy Add");
        using var client = app.NewClient();
        await client.SignInAsync(company.AdminEmail, TenantSeed.Password);
        await client.GetPageAsync("/Settings/Reminders");
        var steps = await StepsAsync(company.TenantId);

        using var response = await client.SubmitAsync("/Settings/Reminders", Form(steps, f =>
        {
            f.Add(new("Input.Steps[5].OffsetDays", "60"));
            f.Add(new("Input.Steps[5].Tone", ((int)ReminderTone.Final).ToString(System.Globalization.CultureInfo.InvariantCulture)));
            f.Add(new("Input.Steps[5].CreditHold", "true"));
        }));

        Assert.Contains("Policy saved.", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var saved = await StepsAsync(company.TenantId);
        Assert.Equal([-3, 1, 7, 14, 30, 60], saved.Select(s => s.OffsetDays));
        Assert.Equal(StepActions.CreditHold, saved[^1].Actions);
    }

    [Fact]
    public async Task Two_steps_on_the_same_day_are_refused_and_nothing_changes()
    {
        var company = await TenantSeed.CreateCompanyAsync(app, "Policy Dup");
        using var client = app.NewClient();
        await client.SignInAsync(company.AdminEmail, TenantSeed.Password);
        await client.GetPageAsync("/Settings/Reminders");
        var steps = await StepsAsync(company.TenantId);

        using var response = await client.SubmitAsync("/Settings/Reminders", Form(steps, f => f.Add(new("Input.Steps[5].OffsetDays", "7"))));

        Assert.Contains("Two steps have the same offset", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(5, (await StepsAsync(company.TenantId)).Count);
    }
}
