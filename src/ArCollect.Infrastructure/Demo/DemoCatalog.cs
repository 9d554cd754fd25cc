namespace ArCollect.Infrastructure.Demo;

/// <summary>How company and person names are formed in one language area.</summary>
internal sealed record NameStyle(
    string[] Prefixes,
    string[] Industries,
    bool IndustryFirst,
    bool PartnerNames,
    string[] FirstNames,
    string[] LastNames);

/// <summary>A customer country: its legal forms, IANA time zones, phone prefix and the currency it may be billed in.</summary>
internal sealed record DemoCountry(
    string Code,
    double Weight,
    NameStyle Style,
    string[] LegalForms,
    string[] TimeZones,
    string PhonePrefix,
    string? LocalCurrency);

internal sealed record DemoRegion(string Name, double Weight, DemoCountry[] Countries);

/// <summary>Word lists and geography the demo customers are drawn from.</summary>
internal static class DemoCatalog
{
    /// <summary>The tenant's own country: only its customers are charged domestic VAT.</summary>
    public const string HomeCountry = "DE";

    public const decimal DomesticTaxRate = 19m;

    /// <summary>The demo tenant writes to customers without a language of their own in German.</summary>
    public const string HomeLanguage = "de";

    /// <summary>
    /// The language a customer in this country reads reminders in. Bilingual countries alternate by the customer's
    /// position, so the choice is fixed by the seed without drawing from the random stream (which would shift every
    /// later customer and invoice). Nordic and Portuguese customers get English, the usual language of trade there.
    /// </summary>
    public static string LanguageOf(string countryCode, int index) => countryCode switch
    {
        "DE" or "AT" => "de",
        "CH" => index % 4 == 3 ? "fr" : "de",
        "BE" => index % 5 < 3 ? "nl" : "fr",
        "NL" => "nl",
        "LU" or "FR" => "fr",
        "ES" => "es",
        "IT" => "it",
        _ => "en",
    };

    private static readonly NameStyle German = new(
        ["Nordwind", "Alpen", "Rhein", "Elbe", "Schwarzwald", "Hansa", "Adler", "Falken", "Sonnen", "Eichen", "Kronen",
            "Donau", "Isar", "Ostsee", "Bergmann", "Brandt", "Keller", "Vogel", "Weber", "Lindner", "Steinhaus", "Tannen"],
        ["Logistik", "Maschinenbau", "Elektrotechnik", "Handel", "Bau", "Verpackung", "Medizintechnik", "Automation",
            "Metallbau", "Druck", "Feinkost", "Holzwerk", "Spedition", "Systemtechnik", "Kunststoff", "Antriebstechnik"],
        IndustryFirst: false,
        PartnerNames: false,
        ["Anna", "Lukas", "Julia", "Felix", "Sophie", "Jonas", "Katrin", "Matthias", "Sabine", "Tobias", "Jörg", "Miriam",
            "Stefan", "Lena", "Uwe", "Claudia"],
        ["Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer", "Wagner", "Becker", "Hoffmann", "Schäfer",
            "Koch", "Richter", "Wolf", "Krüger", "Hartmann", "Zimmermann"]);

    private static readonly NameStyle English = new(
        ["Harbor", "Northgate", "Summit", "Ashford", "Redwood", "Blackstone", "Silverline", "Bridgewater", "Oakridge",
            "Kingsley", "Westbrook", "Granite", "Pinecrest", "Lakeside", "Highfield", "Brightwater", "Crown", "Meridian"],
        ["Logistics", "Engineering", "Supply", "Manufacturing", "Foods", "Packaging", "Systems", "Industries",
            "Components", "Healthcare", "Construction", "Distribution", "Analytics", "Printing", "Freight", "Labs"],
        IndustryFirst: false,
        PartnerNames: true,
        ["Oliver", "Emma", "James", "Charlotte", "Harry", "Amelia", "Daniel", "Grace", "Michael", "Olivia", "Sean",
            "Aoife", "Ethan", "Madison", "Ryan", "Chloe"],
        ["Smith", "Jones", "Taylor", "Brown", "Williams", "Wilson", "Davies", "Evans", "Murphy", "Kelly", "Walsh",
            "Johnson", "Miller", "Harper", "Finch", "Mercer"]);

    private static readonly NameStyle Nordic = new(
        ["Fjord", "Norr", "Skog", "Havs", "Viking", "Polar", "Björk", "Lund", "Berg", "Strand", "Ek", "Nord", "Sjö",
            "Aurora", "Tind", "Sol"],
        ["Logistik", "Bygg", "Teknik", "Trä", "Verkstad", "Energi", "Data", "Transport", "Maskin", "Marin", "Design"],
        IndustryFirst: false,
        PartnerNames: false,
        ["Erik", "Anna", "Lars", "Ingrid", "Mikael", "Sofia", "Henrik", "Maja", "Johan", "Freja", "Oskar", "Sanna",
            "Mikko", "Aino", "Nils", "Emilie"],
        ["Andersson", "Johansson", "Karlsson", "Nilsson", "Hansen", "Jensen", "Nielsen", "Larsen", "Olsen", "Berg",
            "Virtanen", "Korhonen", "Lindqvist", "Dahl", "Holm", "Eriksen"]);

    private static readonly NameStyle Dutch = new(
        ["Oranje", "Zeeland", "Delta", "Noordzee", "Polder", "Maas", "Schelde", "Vlaanderen", "Ardennen", "Kempen",
            "Brabant", "Waddenzee", "Tulip", "Molen"],
        ["Logistiek", "Techniek", "Bouw", "Handel", "Installatietechniek", "Voeding", "Verpakkingen", "Transport",
            "Machinebouw", "Groep"],
        IndustryFirst: false,
        PartnerNames: false,
        ["Daan", "Sanne", "Bram", "Lotte", "Thijs", "Eva", "Pieter", "Anouk", "Wouter", "Femke", "Joris", "Marieke",
            "Luc", "Elise"],
        ["de Jong", "Jansen", "de Vries", "van den Berg", "Bakker", "Visser", "Smit", "Peeters", "Maes", "Janssens",
            "Mulder", "de Boer", "Claes", "Willems"]);

    private static readonly NameStyle Southern = new(
        ["Mediterránea", "Ibérica", "Costa", "Aurora", "Levante", "Tirreno", "Adriatica", "Atlântico", "Lusitana",
            "Toscana", "Sole", "Cantábrica", "Alpina", "Tejo"],
        ["Logística", "Ingeniería", "Distribuciones", "Costruzioni", "Meccanica", "Alimentari", "Sistemas", "Imballaggi",
            "Engenharia", "Transportes", "Tecnologie"],
        IndustryFirst: true,
        PartnerNames: false,
        ["Lucía", "Javier", "Marta", "Pablo", "Giulia", "Marco", "Francesca", "Alessandro", "Inês", "João", "Carmen",
            "Davide", "Beatriz", "Tiago"],
        ["García", "Martínez", "López", "Sánchez", "Rossi", "Russo", "Ferrari", "Bianchi", "Silva", "Santos",
            "Ferreira", "Romano", "Fernández", "Costa"]);

    public static readonly DemoRegion[] Regions =
    [
        new("DACH", 35,
        [
            new("DE", 70, German, ["GmbH", "AG", "GmbH & Co. KG", "KG", "SE"], ["Europe/Berlin"], "+49", null),
            new("AT", 15, German, ["GmbH", "AG", "KG"], ["Europe/Vienna"], "+43", null),
            new("CH", 15, German, ["AG", "GmbH", "SA"], ["Europe/Zurich"], "+41", "CHF"),
        ]),
        new("Nordics", 12,
        [
            new("SE", 40, Nordic, ["AB"], ["Europe/Stockholm"], "+46", "SEK"),
            new("DK", 25, Nordic, ["A/S", "ApS"], ["Europe/Copenhagen"], "+45", null),
            new("NO", 20, Nordic, ["AS", "ASA"], ["Europe/Oslo"], "+47", null),
            new("FI", 15, Nordic, ["Oy", "Oyj"], ["Europe/Helsinki"], "+358", null),
        ]),
        new("UK&I", 15,
        [
            new("GB", 80, English, ["Ltd", "PLC", "LLP"], ["Europe/London"], "+44", "GBP"),
            new("IE", 20, English, ["Ltd", "DAC"], ["Europe/Dublin"], "+353", null),
        ]),
        new("Benelux", 12,
        [
            new("NL", 55, Dutch, ["B.V.", "N.V."], ["Europe/Amsterdam"], "+31", null),
            new("BE", 35, Dutch, ["BV", "NV", "SRL"], ["Europe/Brussels"], "+32", null),
            new("LU", 10, Dutch, ["S.A.", "S.à r.l."], ["Europe/Luxembourg"], "+352", null),
        ]),
        new("Southern Europe", 12,
        [
            new("ES", 40, Southern, ["S.L.", "S.A."], ["Europe/Madrid"], "+34", null),
            new("IT", 40, Southern, ["S.r.l.", "S.p.A."], ["Europe/Rome"], "+39", null),
            new("PT", 20, Southern, ["Lda.", "S.A."], ["Europe/Lisbon"], "+351", null),
        ]),
        new("North America", 14,
        [
            new("US", 80, English, ["Inc.", "LLC", "Corp."],
                ["America/New_York", "America/Chicago", "America/Denver", "America/Los_Angeles"], "+1", "USD"),
            new("CA", 20, English, ["Inc.", "Ltd."], ["America/Toronto", "America/Vancouver"], "+1", null),
        ]),
    ];

    /// <summary>Rough value of one euro, so foreign-currency invoices have plausible sizes.</summary>
    public static decimal PerEuro(string currency) => currency switch
    {
        "USD" => 1.08m,
        "GBP" => 0.85m,
        "CHF" => 0.95m,
        "SEK" => 11.40m,
        _ => 1m,
    };

    /// <summary>
    /// Month-start rates to the euro for the foreign currencies in use, from a month before the history starts to
    /// today, so every page can convert every day of the demo ledger; each month drifts a little (within 2%) around
    /// <see cref="PerEuro"/>, the same for the same dates.
    /// </summary>
    public static IEnumerable<(string Currency, DateOnly RateDate, decimal RateToBase)> MonthlyRates(
        IEnumerable<string> currencies, DateOnly today, int months)
    {
        var first = new DateOnly(today.Year, today.Month, 1).AddMonths(-months - 1);
        foreach (var currency in currencies.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            for (var month = first; month <= today; month = month.AddMonths(1))
            {
                var drift = 1m + (0.02m * (decimal)Math.Sin((month.Year * 12) + month.Month + currency[0]));
                yield return (currency, month, Math.Round(drift / PerEuro(currency), 6));
            }
        }
    }

    public static readonly (string Description, decimal[] Quantities)[] LineItems =
    [
        ("Consulting services (days)", [1m, 2m, 3m, 5m, 10m]),
        ("Freight, full truckload", [1m, 2m, 4m]),
        ("Pallet storage (pallet-weeks)", [10m, 24m, 40m, 120m]),
        ("Maintenance contract, monthly fee", [1m]),
        ("Spare parts kit", [1m, 2m, 5m, 10m, 25m]),
        ("Software licence, annual subscription", [1m, 5m, 10m, 50m]),
        ("Installation and commissioning", [1m]),
        ("Packaging material (cartons)", [100m, 250m, 500m, 1000m]),
        ("Express surcharge", [1m]),
        ("Operator training (days)", [1m, 2m]),
        ("Sensor modules", [4m, 8m, 16m, 32m]),
        ("Hardware components", [1m, 3m, 6m, 12m]),
        ("Support hours", [2.5m, 5m, 8m, 12.5m, 20m]),
        ("Custom machining, batch", [1m, 2m]),
        ("Cloud hosting, monthly", [1m]),
    ];

    public static readonly (string Segment, double Weight, double AmountScale, double InvoiceWeight)[] Segments =
    [
        ("Enterprise", 10, 3.0, 4.0),
        ("Mid-market", 30, 1.0, 1.5),
        ("SMB", 60, 0.4, 0.6),
    ];

    public static readonly (PaymentBehaviour Behaviour, double Weight)[] Behaviours =
    [
        (PaymentBehaviour.PromptPayer, 30),
        (PaymentBehaviour.EarlyWithDiscount, 8),
        (PaymentBehaviour.HabituallyLate, 22),
        (PaymentBehaviour.ChronicLate, 8),
        (PaymentBehaviour.Disputer, 8),
        (PaymentBehaviour.Seasonal, 12),
        (PaymentBehaviour.Deteriorating, 12),
    ];
}
