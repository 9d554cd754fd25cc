using ArCollect.Domain.Dunning;

namespace ArCollect.Domain.Tests.Dunning;

public class TemplateScannerTests
{
    private static readonly HashSet<string> Filters = ["upcase", "date", "default", "size"];

    private static TemplateScan Scan(string source) => TemplateScanner.Scan(source, Filters);

    [Fact]
    public void Known_placeholders_pass_and_are_recorded_as_printed()
    {
        var scan = Scan("Dear {{ contact.name }},\n{{ customer.name | upcase }} owes {{ invoice_count }} invoices.");

        Assert.Empty(scan.Issues);
        Assert.Equal(["contact.name", "customer.name", "invoice_count"], scan.Printed.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Misspelt_field_is_reported_with_line_and_column()
    {
        // Line 2: "Hello {{ customer.nmae }}" -> "customer.nmae" starts at column 10.
        var issue = Assert.Single(Scan("Subject\nHello {{ customer.nmae }}").Issues);

        Assert.Equal((2, 10), (issue.Line, issue.Column));
        Assert.Equal("Unknown placeholder 'customer.nmae'; known: customer.name, customer.segment.", issue.Message);
    }

    [Fact]
    public void Unknown_top_level_name_is_reported()
    {
        var issue = Assert.Single(Scan("{{ balance }}").Issues);

        Assert.Equal((1, 4), (issue.Line, issue.Column));
        Assert.StartsWith("Unknown placeholder 'balance'", issue.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Loop_variable_fields_are_checked_against_the_list_items()
    {
        var source = "{% for invoice in invoices %}\n  {{ invoice.number }} {{ invoice.amount_due }}\n{% endfor %}";

        var issue = Assert.Single(Scan(source).Issues);

        // "  {{ invoice.number }} {{ " is 26 characters, so the name starts at column 27.
        Assert.Equal((2, 27), (issue.Line, issue.Column));
        Assert.StartsWith("Unknown placeholder 'invoice.amount_due': items have invoice.number", issue.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Loop_variable_is_unknown_after_endfor()
    {
        var issue = Assert.Single(Scan("{% for t in totals %}{{ t.amount }}{% endfor %}{{ t.amount }}").Issues);

        Assert.Equal(51, issue.Column);
    }

    [Fact]
    public void Unknown_filter_is_reported_where_it_is_written()
    {
        var issue = Assert.Single(Scan("{{ customer.name | upcse }}").Issues);

        Assert.Equal((1, 20), (issue.Line, issue.Column));
        Assert.Equal("Unknown filter 'upcse'.", issue.Message);
    }

    [Fact]
    public void Text_inside_quotes_is_not_a_placeholder()
    {
        Assert.Empty(Scan("{{ previous_reminder_date | default: 'no earlier reminder' }}").Issues);
    }

    [Fact]
    public void Placeholders_in_conditions_count_as_tested_not_printed()
    {
        var scan = Scan("{% if previous_reminder_date %}Last: {{ previous_reminder_date }}{% endif %}{% if customer.segment == 'VIP' %}!{% endif %}");

        Assert.Empty(scan.Issues);
        Assert.Equal(["customer.segment", "previous_reminder_date"], scan.Tested.Order(StringComparer.Ordinal));
        Assert.Equal(["previous_reminder_date"], scan.Printed);
    }

    [Fact]
    public void Assigned_names_may_be_used_afterwards()
    {
        Assert.Empty(Scan("{% assign n = invoice_count %}{{ n }}{% capture who %}{{ contact.name }}{% endcapture %}{{ who }}").Issues);
    }

    [Fact]
    public void Include_is_refused()
    {
        var issue = Assert.Single(Scan("Hi\n  {% include 'secrets' %}").Issues);

        Assert.Equal((2, 6), (issue.Line, issue.Column));
    }

    [Fact]
    public void Comment_content_is_not_checked()
    {
        Assert.Empty(Scan("{% comment %}{{ whatever }}{% endcomment %}{{ today }}").Issues);
    }

    [Fact]
    public void A_literal_range_longer_than_the_loop_bound_is_reported_where_it_starts_and_a_short_one_passes()
    {
        var issue = Assert.Single(Scan("Hi\n{% for i in (1..30000000) %}{{ i }}{% endfor %}").Issues);

        Assert.Equal((2, 13), (issue.Line, issue.Column));
        Assert.Equal("The range holds 30000000 items; a loop may run at most 1000 times.", issue.Message);
        Assert.Empty(Scan("{% for i in (1..3) %}{{ i }}{% endfor %}").Issues);
    }
}
