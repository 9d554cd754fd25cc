using System.Diagnostics;
using ArCollect.Domain.Dunning;
using ArCollect.Infrastructure.Dunning;

namespace ArCollect.IntegrationTests.Dunning;

/// <summary>A template can neither loop, grow a value nor print without bound: it is refused at save or stopped at render.</summary>
public sealed class ReminderTemplateBoundsTests
{
    private const string Text = "Dear {{ customer.name }}";
    private readonly ReminderTemplateEngine engine = new();

    [Fact]
    public async Task A_loop_over_thirty_million_numbers_is_refused_at_save_with_its_line_and_column()
    {
        var check = Assert.Single(await engine.CheckAsync("Reminder", "<p>Hello</p>\n<p>{% for i in (1..30000000) %}x{% endfor %}</p>", Text));

        Assert.Equal("HtmlBody", check.Part);
        Assert.Equal((2, 16), (check.Issue.Line, check.Issue.Column));
        Assert.Contains("a loop may run at most 1000 times", check.Issue.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_doubling_append_loop_is_refused_at_save_at_the_loop_that_grows_it()
    {
        const string html = "<p>{{ customer.name }}</p>\n{% assign s = 'xxxxxxxxxx' %}{% for i in (1..30) %}{% assign s = s | append: s %}{% endfor %}{{ s }}";

        var check = Assert.Single(await engine.CheckAsync("Reminder", html, Text));

        Assert.Equal((2, 30), (check.Issue.Line, check.Issue.Column));
        Assert.Contains("grew past 50000 characters", check.Issue.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_template_printing_more_than_the_output_bound_is_refused_at_save()
    {
        var html = "{% for i in (1..1000) %}" + new string('y', 300) + "{% endfor %}";

        var check = Assert.Single(await engine.CheckAsync("Reminder", html, Text));

        Assert.Contains("renders more than 200000 characters", check.Issue.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_range_that_only_grows_with_the_customers_data_stops_the_render_quickly_and_small()
    {
        // The sample customer used at save has 50 invoices, so this passes the save check and breaks only at 61.
        const string html = "{% if invoice_count > 60 %}{% assign n = invoice_count | times: 1000000 %}{% for i in (1..n) %}x{% endfor %}{% endif %}ok";
        Assert.Empty(await engine.CheckAsync("Reminder", html, Text));
        var template = new MessageTemplate { Tone = ReminderTone.Firm, Language = "en", Subject = "Reminder", HtmlBody = html, TextBody = Text };
        var allocated = GC.GetAllocatedBytesForCurrentThread();
        var clock = Stopwatch.StartNew();

        var (message, failure) = await engine.RenderAsync(template, ReminderModel.Sample(61));

        Assert.Null(message);
        Assert.Contains("A range holds 61000000 items", failure, StringComparison.Ordinal);
        Assert.InRange(clock.Elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(2));
        Assert.InRange(GC.GetAllocatedBytesForCurrentThread() - allocated, 0, 20_000_000);
        Assert.NotNull((await engine.RenderAsync(template, ReminderModel.Sample(10))).Message);
    }

    [Fact]
    public async Task A_replace_that_multiplies_its_input_is_stopped_before_it_builds_the_value()
    {
        const string html = "{% if invoice_count > 60 %}{% capture s %}{% for invoice in invoices %}{{ invoice.number }}{% endfor %}{% endcapture %}{{ s | replace: '0', s | replace: '1', s }}{% endif %}";
        var template = new MessageTemplate { Tone = ReminderTone.Firm, Language = "en", Subject = "Reminder", HtmlBody = html, TextBody = Text };
        var allocated = GC.GetAllocatedBytesForCurrentThread();

        var (message, failure) = await engine.RenderAsync(template, ReminderModel.Sample(900));

        Assert.Null(message);
        Assert.Contains("grew past 50000 characters", failure, StringComparison.Ordinal);
        Assert.InRange(GC.GetAllocatedBytesForCurrentThread() - allocated, 0, 50_000_000);
    }
}
