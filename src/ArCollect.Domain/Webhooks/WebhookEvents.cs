namespace ArCollect.Domain.Webhooks;

/// <summary>The events an endpoint can subscribe to, with the words the settings page shows.</summary>
public static class WebhookEvents
{
    public const string InvoiceIssued = "invoice.issued";
    public const string InvoiceOverdue = "invoice.overdue";
    public const string PaymentReceived = "payment.received";
    public const string PromiseBroken = "promise.broken";
    public const string DisputeOpened = "dispute.opened";
    public const string DisputeResolved = "dispute.resolved";

    /// <summary>Sent only by "send test event"; no endpoint subscribes to it.</summary>
    public const string Test = "webhook.test";

    public static readonly IReadOnlyList<(string Type, string Label)> All =
    [
        (InvoiceIssued, "Invoice issued"),
        (InvoiceOverdue, "Invoice overdue"),
        (PaymentReceived, "Payment received"),
        (PromiseBroken, "Promise to pay broken"),
        (DisputeOpened, "Dispute opened"),
        (DisputeResolved, "Dispute resolved or withdrawn"),
    ];

    public static bool IsKnown(string type) => All.Any(e => e.Type == type);
}
