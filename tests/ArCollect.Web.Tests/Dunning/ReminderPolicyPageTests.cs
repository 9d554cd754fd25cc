using System.Globalization;
using System.Net;
using ArCollect.Domain.Dunning;
using ArCollect.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using WebClient = ArCollect.Web.Tests.Infrastructure.WebClient;

namespace ArCollect.Web.Tests.Dunning;

public sealed class ReminderPolicyPageTests(AppFixture app) : IClassFixture<AppFixture>
{
    private const string List = "/Settings/Reminders";

    private Task<List<ReminderPolicy>> PoliciesAsync(Guid tenantId) =>
        LedgerSeed.WithDbAsync(app, tenantId, db => db.ReminderPolicies.AsNoTracking().Include(p => p.Steps).OrderBy(p => p.Name).ToListAsync());

    private async Task<ReminderPolicy> PolicyAsync(Guid tenantId, string name) => (await PoliciesAsync(tenantId)).Single(p => p.Name == name);

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static List<KeyValuePair<string, string>> Form(string name, IReadOnlyList<ReminderStep> steps, Action<List<KeyValuePair<string, string>>>? extra = null)
    {
        var fields = new List<KeyValuePair<string, string>> { new("Input.Name", name) };
        for (var i = 0; i < steps.Count; i++)
        {
            fields.Add(new($"Input.Steps[{i}].Id", steps[i].Id.ToString()));
            fields.Add(new($"Input.Steps[{i}].OffsetDays", Number(steps[i].OffsetDays)));
            fields.Add(new($"Input.Steps[{i}].Tone", Number((int)steps[i].Tone)));
            fields.Add(new($"Input.Steps[{i}].Email", "true"));
        }

        extra?.Invoke(fields);
        return fields;
    }

    private async Task<WebClient> AdminAsync(TenantSeed.Company company)
    {
        var client = app.NewClient();
        await client.SignInAsync(company.AdminEmail, TenantSeed.Password);
        await client.GetPageAsync(List);
        return client;
    }

    private static async Task<HttpResponseMessage> CreateAsync(WebClient client, string name, Guid? copyFrom = null) =>
        await client.SubmitAsync($"{List}?handler=Create", [new("NewPolicy.Name", name), new("NewPolicy.CopyFromId", copyFrom?.ToString() ?? "")], List);

    [Fact]
    public async Task Admin_adds_a_step_to_the_default_policy()
    {
        var company = await TenantSeed.CreateCompanyAsync(app, "Policy Add");
        using var client = await AdminAsync(company);
        var standard = await PolicyAsync(company.TenantId, "Standard");
        var editor = $"/Settings/ReminderPolicy/{standard.Id}";

        using var response = await client.SubmitAsync(editor, Form("Standard", standard.Steps.OrderBy(s => s.OffsetDays).ToList(), f =>
        {
            f.Add(new("Input.Steps[5].OffsetDays", "60"));
            f.Add(new("Input.Steps[5].Tone", Number((int)ReminderTone.Final)));
            f.Add(new("Input.Steps[5].CreditHold", "true"));
        }));

        Assert.Contains("Policy saved.", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var saved = (await PolicyAsync(company.TenantId, "Standard")).Steps.OrderBy(s => s.OffsetDays).ToList();
        Assert.Equal([-3, 1, 7, 14, 30, 60], saved.Select(s => s.OffsetDays));
        Assert.Equal(StepActions.CreditHold, saved[^1].Actions);
    }

    [Fact]
    public async Task Two_steps_on_the_same_day_are_refused_and_nothing_changes()
    {
        var company = await TenantSeed.CreateCompanyAsync(app, "Policy Dup");
        using var client = await AdminAsync(company);
        var standard = await PolicyAsync(company.TenantId, "Standard");

        using var response = await client.SubmitAsync($"/Settings/ReminderPolicy/{standard.Id}",
            Form("Standard", standard.Steps.OrderBy(s => s.OffsetDays).ToList(), f => f.Add(new("Input.Steps[5].OffsetDays", "7"))));

        Assert.Contains("Two steps have the same offset", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(5, (await PolicyAsync(company.TenantId, "Standard")).Steps.Count);
    }

    [Fact]
    public async Task A_second_policy_is_created_as_a_copy_and_listed_beside_the_default()
    {
        var company = await TenantSeed.CreateCompanyAsync(app, "Policy Copy");
        using var client = await AdminAsync(company);
        var standard = await PolicyAsync(company.TenantId, "Standard");
        await LedgerSeed.AddCustomerAsync(app, company.TenantId, "Follows Default");

        using var copied = await CreateAsync(client, "Key accounts", standard.Id);
        using var empty = await CreateAsync(client, "Quiet");

        Assert.Equal(HttpStatusCode.Redirect, copied.StatusCode);
        var copy = await PolicyAsync(company.TenantId, "Key accounts");
        Assert.Equal($"/Settings/ReminderPolicy/{copy.Id}", copied.Headers.Location!.OriginalString);
        Assert.False(copy.IsDefault);
        Assert.Equal([-3, 1, 7, 14, 30], copy.Steps.OrderBy(s => s.OffsetDays).Select(s => s.OffsetDays));
        Assert.Empty(copy.Steps.Select(s => s.Id).Intersect(standard.Steps.Select(s => s.Id)));
        Assert.Empty((await PolicyAsync(company.TenantId, "Quiet")).Steps);
        var list = await client.GetPageAsync(List);
        Assert.Equal(
            [["Standard Default", "5", "1"], ["Key accounts", "5", "0"], ["Quiet", "0", "0"]],
            Html.Rows(list, "policies").Select(r => r[..3]));
    }

    [Fact]
    public async Task A_name_already_used_is_refused_whatever_its_case()
    {
        var company = await TenantSeed.CreateCompanyAsync(app, "Policy Name");
        using var client = await AdminAsync(company);

        using var response = await CreateAsync(client, " standard ");

        var page = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("A policy named standard already exists; choose another name.", Html.FieldError(page, "NewPolicy.Name"));
        Assert.Single(await PoliciesAsync(company.TenantId));
    }

    [Fact]
    public async Task Steps_are_edited_with_a_risk_band_condition_and_the_policy_renamed()
    {
        var company = await TenantSeed.CreateCompanyAsync(app, "Policy Bands");
        using var client = await AdminAsync(company);
        using var created = await CreateAsync(client, "Risky");
        var editor = created.Headers.Location!.OriginalString;

        using var response = await client.SubmitAsync(editor,
        [
            new("Input.Name", "High risk first"),
            new("Input.Steps[0].OffsetDays", "-7"), new("Input.Steps[0].Tone", Number((int)ReminderTone.Neutral)),
            new("Input.Steps[0].Email", "true"), new("Input.Steps[0].RiskBand", "High"),
            new("Input.Steps[1].OffsetDays", "-7"), new("Input.Steps[1].Tone", Number((int)ReminderTone.Friendly)),
            new("Input.Steps[1].Email", "true"), new("Input.Steps[1].RiskBand", ""),
            new("Input.Steps[2].OffsetDays", "10"), new("Input.Steps[2].Tone", Number((int)ReminderTone.Final)),
            new("Input.Steps[2].Email", "true"), new("Input.Steps[2].CreditHold", "true"), new("Input.Steps[2].MinOverdueAmount", "500"),
        ]);

        var page = await response.Content.ReadAsStringAsync();
        Assert.Contains("Policy saved.", page, StringComparison.Ordinal);
        var policy = await PolicyAsync(company.TenantId, "High risk first");
        Assert.Equal(
            [(-7, ReminderTone.Friendly, (string?)null), (-7, ReminderTone.Neutral, "High"), (10, ReminderTone.Final, null)],
            policy.Steps.OrderBy(s => s.OffsetDays).ThenBy(s => s.RiskBand).Select(s => (s.OffsetDays, s.Tone, s.RiskBand)));
        Assert.Equal(StepActions.Email | StepActions.CreditHold, policy.Steps.Single(s => s.OffsetDays == 10).Actions);
        Assert.Equal(500m, policy.Steps.Single(s => s.OffsetDays == 10).MinOverdueAmount);
        Assert.Contains("<option selected=\"selected\" value=\"High\">High</option>", page, StringComparison.Ordinal);
        Assert.Contains("value=\"High risk first\"", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_risk_band_is_named_on_its_row_and_nothing_is_saved()
    {
        var company = await TenantSeed.CreateCompanyAsync(app, "Policy Bad Band");
        using var client = await AdminAsync(company);
        var standard = await PolicyAsync(company.TenantId, "Standard");

        using var response = await client.SubmitAsync($"/Settings/ReminderPolicy/{standard.Id}",
            Form("Standard", standard.Steps.OrderBy(s => s.OffsetDays).ToList(), f => f.Add(new("Input.Steps[2].RiskBand", "Severe"))));

        var page = await response.Content.ReadAsStringAsync();
        Assert.Equal("Risk band must be Low, Medium or High, or empty for any band.", Html.FieldError(page, "Input.Steps[2].RiskBand"));
        Assert.All((await PolicyAsync(company.TenantId, "Standard")).Steps, s => Assert.Null(s.RiskBand));
    }

    [Fact]
    public async Task Making_another_policy_default_leaves_exactly_one_default()
    {
        var company = await TenantSeed.CreateCompanyAsync(app, "Policy Default");
        using var client = await AdminAsync(company);
        using var created = await CreateAsync(client, "Gentle");
        var gentle = await PolicyAsync(company.TenantId, "Gentle");

        using var response = await client.SubmitAsync($"{List}?handler=MakeDefault", [new("policyId", gentle.Id.ToString())], List);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal([("Gentle", true), ("Standard", false)], (await PoliciesAsync(company.TenantId)).Select(p => (p.Name, p.IsDefault)));
        var list = await client.GetPageAsync(List);
        Assert.Contains("Gentle is now the default policy", Html.Text(list), StringComparison.Ordinal);
        Assert.Equal(["Gentle Default", "Standard"], Html.Rows(list, "policies").Select(r => r[0]));

        // And back again: the switch works in both directions without breaking the one-default index.
        var standard = await PolicyAsync(company.TenantId, "Standard");
        using var back = await client.SubmitAsync($"{List}?handler=MakeDefault", [new("policyId", standard.Id.ToString())], List);
        Assert.Equal([("Gentle", false), ("Standard", true)], (await PoliciesAsync(company.TenantId)).Select(p => (p.Name, p.IsDefault)));
    }

    [Fact]
    public async Task Two_admins_switching_the_default_at_once_both_succeed_and_one_default_remains()
    {
        var company = await TenantSeed.CreateCompanyAsync(app, "Policy Race");
        using var client = await AdminAsync(company);
        using var second = app.NewClient();
        await second.SignInAsync(company.AdminEmail, TenantSeed.Password);
        for (var i = 0; i < 2; i++)
        {
            using var created = await CreateAsync(client, $"Option {i}");
        }

        var policies = await PoliciesAsync(company.TenantId);
        for (var round = 0; round < 30; round++)
        {
            var a = policies[round % 3].Id;
            var b = policies[(round + 1) % 3].Id;
            var responses = await Task.WhenAll(
                client.SubmitAsync($"{List}?handler=MakeDefault", [new("policyId", a.ToString())], List),
                second.SubmitAsync($"{List}?handler=MakeDefault", [new("policyId", b.ToString())], List));

            Assert.All(responses, r => Assert.Equal(HttpStatusCode.Redirect, r.StatusCode));
            var defaults = (await PoliciesAsync(company.TenantId)).Where(p => p.IsDefault).Select(p => p.Id).ToList();
            Assert.Single(defaults);
            Assert.Contains(defaults[0], new[] { a, b });
            Array.ForEach(responses, r => r.Dispose());
        }
    }

    [Fact]
    public async Task A_policy_customers_follow_is_not_deleted_until_they_are_moved_to_the_default()
    {
        var company = await TenantSeed.CreateCompanyAsync(app, "Policy Delete");
        using var client = await AdminAsync(company);
        using var created = await CreateAsync(client, "Strict", (await PolicyAsync(company.TenantId, "Standard")).Id);
        var strict = await PolicyAsync(company.TenantId, "Strict");
        var customer = await LedgerSeed.AddCustomerAsync(app, company.TenantId, "Strict Follower");
        await LedgerSeed.WithDbAsync(app, company.TenantId, async db =>
            await db.Customers.Where(c => c.Id == customer).ExecuteUpdateAsync(s => s.SetProperty(c => c.ReminderPolicyId, strict.Id)));

        using var refused = await client.SubmitAsync($"{List}?handler=Delete", [new("policyId", strict.Id.ToString())], List);

        var page = await refused.Content.ReadAsStringAsync();
        Assert.Equal(
            "Strict was not deleted: 1 customer(s) follow it. Choose another policy on their customer pages, or move them to the default policy (Standard) and delete. Move 1 customer(s) to Standard and delete Strict",
            Html.Element(page, "id=\"policy-error\""));
        Assert.Equal(5, (await PolicyAsync(company.TenantId, "Strict")).Steps.Count);
        Assert.Equal(strict.Id, await LedgerSeed.WithDbAsync(app, company.TenantId, db => db.Customers.Where(c => c.Id == customer).Select(c => c.ReminderPolicyId).SingleAsync()));

        using var moved = await client.SubmitAsync($"{List}?handler=Delete", [new("policyId", strict.Id.ToString()), new("moveCustomers", "true")], List);

        Assert.Equal(HttpStatusCode.Redirect, moved.StatusCode);
        Assert.Equal(["Standard"], (await PoliciesAsync(company.TenantId)).Select(p => p.Name));
        Assert.Null(await LedgerSeed.WithDbAsync(app, company.TenantId, db => db.Customers.Where(c => c.Id == customer).Select(c => c.ReminderPolicyId).SingleAsync()));
        Assert.Contains("Policy Strict deleted; 1 customer(s) now follow the default policy (Standard).", Html.Text(await client.GetPageAsync(List)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_default_policy_cannot_be_deleted()
    {
        var company = await TenantSeed.CreateCompanyAsync(app, "Policy Keep Default");
        using var client = await AdminAsync(company);
        var standard = await PolicyAsync(company.TenantId, "Standard");

        using var response = await client.SubmitAsync($"{List}?handler=Delete", [new("policyId", standard.Id.ToString()), new("moveCustomers", "true")], List);

        Assert.Contains("Standard is the default policy and cannot be deleted.", Html.Element(await response.Content.ReadAsStringAsync(), "id=\"policy-error\""), StringComparison.Ordinal);
        Assert.Equal(5, (await PolicyAsync(company.TenantId, "Standard")).Steps.Count);
    }

    [Fact]
    public async Task A_clerk_can_neither_see_nor_change_reminder_policies()
    {
        var company = await TenantSeed.CreateCompanyAsync(app, "Policy Clerk");
        using (await AdminAsync(company))
        {
        }

        var standard = await PolicyAsync(company.TenantId, "Standard");
        using var clerk = app.NewClient();
        await clerk.SignInAsync(company.ClerkEmail, TenantSeed.Password);

        // The antiforgery token is per user, so one from a page the clerk may open is valid for the posts.
        using var list = await clerk.GetAsync(List);
        using var editor = await clerk.GetAsync($"/Settings/ReminderPolicy/{standard.Id}");
        using var create = await clerk.SubmitAsync($"{List}?handler=Create", [new("NewPolicy.Name", "Clerk's own")], "/Customers");
        using var rename = await clerk.SubmitAsync($"/Settings/ReminderPolicy/{standard.Id}", Form("Renamed", standard.Steps.ToList()), "/Customers");
        using var delete = await clerk.SubmitAsync($"{List}?handler=Delete", [new("policyId", standard.Id.ToString())], "/Customers");

        Assert.All([list, editor, create, rename, delete], r =>
        {
            Assert.Equal(HttpStatusCode.Redirect, r.StatusCode);
            Assert.StartsWith("/Account/AccessDenied", r.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        });
        Assert.Equal(["Standard"], (await PoliciesAsync(company.TenantId)).Select(p => p.Name));
    }

    [Fact]
    public async Task Another_companys_policy_is_not_found_and_not_changed()
    {
        var owner = await TenantSeed.CreateCompanyAsync(app, "Policy Owner");
        var intruder = await TenantSeed.CreateCompanyAsync(app, "Policy Intruder");
        using (await AdminAsync(owner))
        {
        }

        using var client = await AdminAsync(intruder);
        var theirs = await PolicyAsync(owner.TenantId, "Standard");
        using var intruderCreated = await CreateAsync(client, "Mine");

        using var view = await client.GetAsync($"/Settings/ReminderPolicy/{theirs.Id}");
        using var save = await client.SubmitAsync($"/Settings/ReminderPolicy/{theirs.Id}", Form("Taken over", theirs.Steps.ToList()), List);
        using var copy = await CreateAsync(client, "Copied", theirs.Id);
        using var makeDefault = await client.SubmitAsync($"{List}?handler=MakeDefault", [new("policyId", theirs.Id.ToString())], List);
        using var delete = await client.SubmitAsync($"{List}?handler=Delete", [new("policyId", theirs.Id.ToString())], List);

        Assert.Equal(
            [HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.OK, HttpStatusCode.NotFound, HttpStatusCode.NotFound],
            new[] { view, save, copy, makeDefault, delete }.Select(r => r.StatusCode));
        Assert.Equal("Choose a policy of your company to copy, or start empty.", Html.FieldError(await copy.Content.ReadAsStringAsync(), "NewPolicy.CopyFromId"));
        var kept = await PolicyAsync(owner.TenantId, "Standard");
        Assert.True(kept.IsDefault);
        Assert.Equal(5, kept.Steps.Count);
        Assert.Equal([("Mine", false), ("Standard", true)], (await PoliciesAsync(intruder.TenantId)).Select(p => (p.Name, p.IsDefault)));
    }

    [Fact]
    public async Task Escalation_rules_stay_on_the_list_page_and_are_saved_there()
    {
        var company = await TenantSeed.CreateCompanyAsync(app, "Policy Rules");
        using var client = await AdminAsync(company);
        var rules = await LedgerSeed.WithDbAsync(app, company.TenantId, db => db.EscalationRules.AsNoTracking().OrderBy(r => r.Kind).ToListAsync());
        List<KeyValuePair<string, string>> Fields(int daysOverdueThreshold)
        {
            var fields = new List<KeyValuePair<string, string>>();
            for (var i = 0; i < rules.Count; i++)
            {
                var daysOverdue = rules[i].Kind == EscalationKind.DaysOverdue;
                fields.Add(new($"Input.Rules[{i}].Id", rules[i].Id.ToString()));
                fields.Add(new($"Input.Rules[{i}].Kind", Number((int)rules[i].Kind)));
                fields.Add(new($"Input.Rules[{i}].Threshold", Number(daysOverdue ? daysOverdueThreshold : rules[i].Threshold)));
                fields.Add(new($"Input.Rules[{i}].Assignee", Number((int)(daysOverdue ? TaskAssignee.Manager : rules[i].Assignee))));
                fields.Add(new($"Input.Rules[{i}].IsActive", daysOverdue || rules[i].Kind != EscalationKind.PromiseBroken ? "true" : "false"));
            }

            return fields;
        }

        using var invalid = await client.SubmitAsync($"{List}?handler=Rules", Fields(400), List);
        var index = rules.FindIndex(r => r.Kind == EscalationKind.DaysOverdue);
        Assert.Equal("Threshold must be between 0 and 365.", Html.FieldError(await invalid.Content.ReadAsStringAsync(), $"Input.Rules[{index}].Threshold"));
        Assert.Equal(45, await LedgerSeed.WithDbAsync(app, company.TenantId, db => db.EscalationRules.Where(r => r.Kind == EscalationKind.DaysOverdue).Select(r => r.Threshold).SingleAsync()));

        using var saved = await client.SubmitAsync($"{List}?handler=Rules", Fields(60), List);

        Assert.Contains("Escalation rules saved.", await saved.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var after = await LedgerSeed.WithDbAsync(app, company.TenantId, db => db.EscalationRules.AsNoTracking().ToListAsync());
        Assert.Equal((60, TaskAssignee.Manager, true), after.Where(r => r.Kind == EscalationKind.DaysOverdue).Select(r => (r.Threshold, r.Assignee, r.IsActive)).Single());
        Assert.False(after.Single(r => r.Kind == EscalationKind.PromiseBroken).IsActive);
    }
}
