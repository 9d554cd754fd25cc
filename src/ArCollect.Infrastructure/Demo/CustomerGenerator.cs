using System.Globalization;
using System.Text;
using ArCollect.Domain.Customers;

namespace ArCollect.Infrastructure.Demo;

/// <summary>A generated customer with what the generator needs to know about it and the ledger does not show.</summary>
internal sealed record CustomerProfile(
    Customer Customer,
    PaymentBehaviour Behaviour,
    DateOnly Since,
    double InvoiceWeight,
    double AmountScale,
    bool IsDomestic)
{
    /// <summary>The behaviour this customer switches to on <see cref="ChangesOn"/>, if it changes at all.</summary>
    public PaymentBehaviour? LaterBehaviour { get; init; }

    public DateOnly ChangesOn { get; init; }

    /// <summary>How the customer pays an invoice due on <paramref name="due"/>.</summary>
    public PaymentBehaviour BehaviourOn(DateOnly due) => LaterBehaviour is { } later && due >= ChangesOn ? later : Behaviour;
}

/// <summary>Draws customers with their contacts: names, geography, terms, currency, collector and hidden payment behaviour.</summary>
internal static class CustomerGenerator
{
    private static readonly (int Days, double Weight)[] Terms = [(14, 10), (30, 70), (45, 8), (60, 12)];

    public static List<CustomerProfile> Generate(DemoRandom random, Guid tenantId, IReadOnlyList<Guid> collectorIds, DemoOptions options)
    {
        var windowStart = options.Today.AddMonths(-options.Months);
        var windowDays = options.Today.DayNumber - windowStart.DayNumber;
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var profiles = new List<CustomerProfile>(options.Customers);
        var regions = DemoCatalog.Regions.Select(r => (r, r.Weight)).ToArray();
        var segments = DemoCatalog.Segments.Select(s => (s, s.Weight)).ToArray();

        for (var index = 0; index < options.Customers; index++)
        {
            var region = random.PickWeighted(regions);
            var country = random.PickWeighted(region.Countries.Select(c => (c, c.Weight)).ToArray());
            var segment = random.PickWeighted(segments);
            var behaviour = random.PickWeighted(DemoCatalog.Behaviours);
            if (!options.Seasonality && behaviour == PaymentBehaviour.Seasonal)
            {
                behaviour = PaymentBehaviour.HabituallyLate;
            }

            // Most customers predate the window; some join later, but early enough to build a payment history.
            // Deteriorating customers need more than a year of history to show their decline.
            var since = behaviour != PaymentBehaviour.Deteriorating && windowDays > 240 && random.Chance(0.2)
                ? windowStart.AddDays(random.Between(0, windowDays - 180))
                : windowStart;
            var createdAt = DemoCalendar.AtUtc(since.AddDays(-random.Between(1, 60)), 9, random.Between(0, 59));

            var (name, domain) = UniqueName(random, country, names);
            var customer = new Customer
            {
                Id = random.NextGuid(createdAt),
                TenantId = tenantId,
                ExternalId = $"CUST-{10001 + index}",
                Name = name,
                Currency = ChooseCurrency(random, country, options.BaseCurrency),
                PaymentTermsDays = CommonOr(options.CommonTermsDays, PickTerms(random, segment.Segment)),
                Segment = segment.Segment,
                Region = region.Name,
                Country = country.Code,
                CollectorId = PickCollector(random, collectorIds, index),
                CreditLimit = PickCreditLimit(random, segment.Segment),
                TimeZone = random.Pick(country.TimeZones),
                Language = DemoCatalog.LanguageOf(country.Code, index),
                DoNotContact = random.Chance(0.01),
                IsKeyAccount = segment.Segment == "Enterprise" && random.Chance(0.3),
                CreatedAt = createdAt,
                UpdatedAt = createdAt,
            };
            AddContacts(random, customer, country, domain);
            DemoAddresses.Apply(customer, index);

            var invoiceWeight = segment.InvoiceWeight * random.LogNormal(1, 0.5);
            var amountScale = segment.AmountScale * random.LogNormal(1, 0.4);
            profiles.Add(new CustomerProfile(customer, behaviour, since, invoiceWeight, amountScale, country.Code == DemoCatalog.HomeCountry));
        }

        ChangeBehaviours(profiles, options, windowStart, windowDays);
        return profiles;
    }

    /// <summary>The terms are drawn even when a common term replaces them, so the rest of the ledger stays the same.</summary>
    private static int CommonOr(int? common, int drawn) => common ?? drawn;

    /// <summary>
    /// Draws from its own stream, so that the default ledger (no changes) is exactly the one generated before this
    /// option existed.
    /// </summary>
    private static void ChangeBehaviours(List<CustomerProfile> profiles, DemoOptions options, DateOnly windowStart, int windowDays)
    {
        if (options.BehaviourChangeShare <= 0)
        {
            return;
        }

        var random = new DemoRandom(options.Seed ^ 0x5EED);
        for (var i = 0; i < profiles.Count; i++)
        {
            if (!random.Chance(options.BehaviourChangeShare))
            {
                continue;
            }

            var others = DemoCatalog.Behaviours.Where(b => b.Behaviour != profiles[i].Behaviour).ToArray();
            var later = random.PickWeighted(others);
            var changesOn = windowStart.AddDays(random.Between(windowDays / 4, windowDays * 3 / 4));
            profiles[i] = profiles[i] with { LaterBehaviour = later, ChangesOn = changesOn };
        }
    }

    /// <summary>A company name not yet used in this tenant, and the mail domain its contacts write from.</summary>
    private static (string Name, string Domain) UniqueName(DemoRandom random, DemoCountry country, HashSet<string> taken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var (trading, legal) = CompanyName(random, country);

            // Word lists are finite; a numbered branch keeps names unique for very large demo tenants.
            if (attempt > 5)
            {
                trading = $"{trading} {attempt}";
            }

            var name = $"{trading} {legal}";
            if (taken.Add(name))
            {
                return (name, $"{Slug(trading)}.example");
            }
        }
    }

    private static (string Trading, string Legal) CompanyName(DemoRandom random, DemoCountry country)
    {
        var style = country.Style;
        var legal = random.Pick(country.LegalForms);
        if (style.PartnerNames && random.Chance(0.25))
        {
            return ($"{random.Pick(style.LastNames)} & {random.Pick(style.LastNames)}", legal);
        }

        var prefix = random.Pick(style.Prefixes);
        var industry = random.Pick(style.Industries);
        return (style.IndustryFirst ? $"{industry} {prefix}" : $"{prefix} {industry}", legal);
    }

    private static string ChooseCurrency(DemoRandom random, DemoCountry country, string baseCurrency) =>
        country.LocalCurrency is { } local && local != baseCurrency && random.Chance(0.35) ? local : baseCurrency;

    private static int PickTerms(DemoRandom random, string segment) =>
        segment == "Enterprise" && random.Chance(0.3) ? 60 : random.PickWeighted(Terms);

    private static Guid? PickCollector(DemoRandom random, IReadOnlyList<Guid> collectorIds, int index)
    {
        // Drawn even without collectors, so the number of collectors never shifts the rest of the ledger.
        var reassign = random.Chance(0.1);
        var other = random.NextDouble();
        if (collectorIds.Count == 0)
        {
            return null;
        }

        // Round-robin keeps portfolios even; an occasional reassignment keeps them from looking machine-made.
        return reassign ? collectorIds[(int)(other * collectorIds.Count)] : collectorIds[index % collectorIds.Count];
    }

    private static decimal? PickCreditLimit(DemoRandom random, string segment)
    {
        if (random.Chance(0.1))
        {
            return null;
        }

        var (min, max, step) = segment switch
        {
            "Enterprise" => (250_000, 1_000_000, 50_000),
            "Mid-market" => (50_000, 200_000, 10_000),
            _ => (5_000, 40_000, 1_000),
        };
        return random.Between(min / step, max / step) * (decimal)step;
    }

    /// <summary>Contacts write from a reserved .example domain (RFC 2606), so demo mail can never reach a real company.</summary>
    private static void AddContacts(DemoRandom random, Customer customer, DemoCountry country, string domain)
    {
        var count = random.PickWeighted([(1, 50d), (2, 35d), (3, 15d)]);
        var used = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < count; i++)
        {
            var first = random.Pick(country.Style.FirstNames);
            var last = random.Pick(country.Style.LastNames);
            var local = i == 0 && random.Chance(0.3) ? "accounts.payable" : $"{Slug(first)}.{Slug(last)}";
            if (!used.Add(local))
            {
                local = $"{local}{i + 1}";
                used.Add(local);
            }

            customer.Contacts.Add(new Contact
            {
                Id = random.NextGuid(customer.CreatedAt),
                TenantId = customer.TenantId,
                CustomerId = customer.Id,
                Name = local == "accounts.payable" ? "Accounts Payable" : $"{first} {last}",
                Email = $"{local}@{domain}",
                Phone = $"{country.PhonePrefix} {random.Between(20, 99)} {random.Between(1_000_000, 9_999_999)}",
                IsPrimary = i == 0,
                Bounced = random.Chance(0.01),
            });
        }
    }

    /// <summary>Lower-case ASCII letters and digits joined by single hyphens: valid in a DNS label and an email local part.</summary>
    internal static string Slug(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text.ToLowerInvariant()
                     .Replace("ä", "ae", StringComparison.Ordinal).Replace("ö", "oe", StringComparison.Ordinal)
                     .Replace("ü", "ue", StringComparison.Ordinal).Replace("ß", "ss", StringComparison.Ordinal)
                     .Normalize(NormalizationForm.FormD))
        {
            if (char.IsAsciiLetterOrDigit(c))
            {
                builder.Append(c);
            }
            else if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark
                     && builder.Length > 0 && builder[^1] != '-')
            {
                builder.Append('-');
            }
        }

        return builder.ToString().Trim('-');
    }
}
