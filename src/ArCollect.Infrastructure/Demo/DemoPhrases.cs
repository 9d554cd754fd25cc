using System.Globalization;
using ArCollect.Domain.Disputes;

namespace ArCollect.Infrastructure.Demo;

/// <summary>The sentences clerks and customers would write on a timeline, so demo records read like real ones.</summary>
internal static class DemoPhrases
{
    private static readonly string[] CallOutcomes =
    [
        "Called accounts payable; invoice is approved and in the next payment run.",
        "Left a voicemail for the AP clerk, asked for a call back.",
        "Spoke to the controller; payment delayed by their month-end close.",
        "AP says the invoice was missing the PO number; resent with PO.",
        "Customer confirmed receipt, waiting for internal approval.",
        "No answer; sent a follow-up email with a statement attached.",
        "Customer asked for a copy of the invoice; sent from the portal.",
        "Spoke to finance; cash is tight this month, they will prioritise our invoices.",
    ];

    private static readonly string[] EscalationNotes =
    [
        "Escalated to the AR manager: {0} is more than 60 days overdue.",
        "Put the account on watch: {0} still unpaid after repeated reminders.",
        "Discussed {0} with sales; account manager will raise it at the next meeting.",
    ];

    public static string Label(DisputeReason reason) => reason switch
    {
        DisputeReason.PricingError => "pricing error",
        DisputeReason.QuantityMismatch => "quantity mismatch",
        DisputeReason.DamagedGoods => "damaged goods",
        DisputeReason.NotReceived => "goods or service not received",
        DisputeReason.DuplicateBilling => "duplicate billing",
        DisputeReason.ServiceQuality => "service quality",
        _ => "other",
    };

    public static string DisputeNote(DemoRandom random, DisputeReason reason)
    {
        string[] notes = reason switch
        {
            DisputeReason.PricingError => ["Price on the invoice does not match the agreed quote.", "Customer expected the framework-contract discount."],
            DisputeReason.QuantityMismatch => ["Delivery note shows fewer units than invoiced.", "Part of the order was returned before invoicing."],
            DisputeReason.DamagedGoods => ["Two pallets arrived damaged; photos sent by the warehouse.", "Customer reports defective units in the batch."],
            DisputeReason.NotReceived => ["Customer has no record of the delivery.", "Service visit did not take place according to the customer."],
            DisputeReason.DuplicateBilling => ["Same delivery invoiced twice.", "Customer already paid this under an earlier invoice."],
            DisputeReason.ServiceQuality => ["Customer unhappy with response times under the SLA.", "Work had to be redone; customer asks for a reduction."],
            _ => ["Customer disputes the invoice without giving details yet.", "Invoice addressed to the wrong legal entity."],
        };
        return random.Pick(notes);
    }

    /// <summary>The explanation a rejected dispute sends to the customer.</summary>
    public static string Rejection(DisputeReason reason) => reason switch
    {
        DisputeReason.NotReceived => "Our carrier's proof of delivery shows the goods signed for at your site; the invoice stands.",
        DisputeReason.PricingError => "The invoiced prices are those of the order confirmation you accepted; the invoice stands.",
        DisputeReason.QuantityMismatch => "The signed delivery note shows the invoiced quantity; the invoice stands.",
        DisputeReason.ServiceQuality => "The work was completed within the agreed service levels; the invoice stands.",
        _ => "We checked the invoice against the order and delivery and found it correct; the invoice stands.",
    };

    public static string CallOutcome(DemoRandom random) => random.Pick(CallOutcomes);

    public static string Escalation(DemoRandom random, string invoiceNumber) =>
        string.Format(CultureInfo.InvariantCulture, random.Pick(EscalationNotes), invoiceNumber);

    /// <summary>An amount as a timeline line shows it, the same on every machine.</summary>
    public static string Amount(string currency, decimal amount) =>
        $"{currency} {amount.ToString("N2", CultureInfo.InvariantCulture)}";

    public static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
