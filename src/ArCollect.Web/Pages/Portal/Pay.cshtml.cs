using System.Security.Cryptography;
using System.Text;
using ArCollect.Domain.Invoices;
using ArCollect.Domain.Payments;
using ArCollect.Infrastructure.Data;
using ArCollect.Infrastructure.Payments.Stripe;
using ArCollect.Infrastructure.Portal;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Stripe;

namespace ArCollect.Web.Pages.Portal;

/// <summary>
/// The customer picks open invoices (in one currency) and pays them by card on a Stripe Checkout page. Nothing is
/// recorded here: the payment counts only when Stripe's signed webhook confirms it (see <see cref="StripeWebhookHandler"/>).
/// </summary>
public sealed partial class PayModel(
    ArCollectDbContext db, PortalSession session, PortalLinks links, PortalReturns returns, StripeSecrets secrets, IStripeGateway gateway, TimeProvider time, ILogger<PayModel> logger)
    : PortalPageModel(db, session, time)
{
    /// <summary>Stripe Checkout speaks these of the portal's languages by the same code; others let Stripe choose.</summary>
    private static readonly HashSet<string> CheckoutLocales = ["en", "de", "fr", "es"];

    public sealed record Payable(Guid Id, string Number, DateOnly DueDate, string Currency, decimal Amount);

    public IReadOnlyList<Payable> Invoices { get; private set; } = [];

    [BindProperty]
    public List<Guid> InvoiceIds { get; set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (await SettingsAsync(ct) is null)
        {
            return NotFound();
        }

        await LoadAsync(ct);
        // Preselects what is open in the customer's own currency, else in the currency of the first invoice.
        var currency = Invoices.Any(i => i.Currency == View.Currency) ? View.Currency : Invoices.Count > 0 ? Invoices[0].Currency : null;
        InvoiceIds = Invoices.Where(i => i.Currency == currency).Select(i => i.Id).ToList();
        return Page();
    }

    public IActionResult OnGetDone() => BackHome(T["CardThanks"]);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var settings = await SettingsAsync(ct);
        if (settings is null)
        {
            return NotFound();
        }

        await LoadAsync(ct);
        var chosen = Invoices.Where(i => InvoiceIds.Contains(i.Id)).ToList();
        if (InvoiceIds.Count == 0)
        {
            ModelState.AddModelError(nameof(InvoiceIds), T["PayChooseInvoice"]);
        }
        else if (chosen.Count != InvoiceIds.Distinct().Count())
        {
            ModelState.AddModelError(nameof(InvoiceIds), T["PayInvoiceNotOpen"]);
        }
        else if (chosen.Select(i => i.Currency).Distinct().Count() > 1)
        {
            ModelState.AddModelError(nameof(InvoiceIds), T["PayOneCurrency"]);
        }
        else if (chosen.Count > CheckoutMetadata.MaxInvoices)
        {
            ModelState.AddModelError(nameof(InvoiceIds), T.Format("PayTooMany", CheckoutMetadata.MaxInvoices));
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var currency = chosen[0].Currency;
        var metadata = new CheckoutMetadata(Db.CurrentTenantId!.Value, CustomerId, chosen.Select(i => new CheckoutItem(i.Id, i.Amount)).ToList());
        // Stripe keeps the addresses it returns to: they carry a single-use reference, never the portal token.
        var (reference, returnId) = await returns.IssueAsync(Db, CustomerId, LinkId, Token, IdempotencyKey(metadata, Guid.Empty), ct);
        var back = $"{await links.BaseUrlAsync(ct)}{PortalReturns.PathPrefix}{reference}";
        var email = await Db.Contacts.AsNoTracking().Where(c => c.CustomerId == CustomerId && !c.Bounced)
            .OrderByDescending(c => c.IsPrimary).ThenBy(c => c.Name).Select(c => c.Email).FirstOrDefaultAsync(ct);
        var request = new CheckoutRequest(
            secrets.Unprotect(settings.SecretKeyProtected)!,
            currency,
            chosen.Select(i => new CheckoutLine($"{T["Invoice"]} {i.Number}", CheckoutMetadata.ToMinorUnits(i.Amount, currency))).ToList(),
            metadata,
            SuccessUrl: back,
            CancelUrl: $"{back}?cancelled=1",
            CustomerEmail: email,
            Locale: CheckoutLocales.Contains(T.Language.Code) ? T.Language.Code : "auto",
            IdempotencyKey: IdempotencyKey(metadata, returnId));
        try
        {
            var created = await gateway.CreateCheckoutSessionAsync(request, ct);
            return Redirect(created.Url);
        }
        catch (Exception ex) when (ex is StripeException or HttpRequestException)
        {
            LogCheckoutFailed(metadata.TenantId, metadata.CustomerId, ex.Message);
            ModelState.AddModelError(string.Empty, T["PayUnavailable"]);
            return Page();
        }
    }

    /// <summary>
    /// The same choice within ten minutes (a double click, a reload) gets the same checkout from Stripe instead of a
    /// second one, as long as its return address has not been used; once the customer came back, a new checkout.
    /// </summary>
    private string IdempotencyKey(CheckoutMetadata metadata, Guid returnId)
    {
        var items = string.Join(",", metadata.Items.Select(i => $"{i.InvoiceId}:{i.Amount}"));
        var window = Now.ToUnixTimeSeconds() / 600;
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{metadata.TenantId}|{metadata.CustomerId}|{items}|{window}|{returnId}")));
        return $"arcollect-checkout-{hash}";
    }

    private async Task<StripeSettings?> SettingsAsync(CancellationToken ct)
    {
        var settings = await Db.StripeSettings.AsNoTracking().FirstOrDefaultAsync(ct);
        return settings is { IsUsable: true } ? settings : null;
    }

    /// <summary>What can be paid by card: each open invoice's balance less any amount the customer disputes.</summary>
    private async Task LoadAsync(CancellationToken ct) =>
        Invoices = (await Db.Invoices.AsNoTracking()
            .Where(i => i.CustomerId == CustomerId && i.State == InvoiceState.Issued && i.Balance > i.DisputedAmount)
            .OrderBy(i => i.Currency).ThenBy(i => i.DueDate).ThenBy(i => i.Number)
            .Select(i => new { i.Id, i.Number, i.DueDate, i.Currency, Amount = i.Balance - i.DisputedAmount })
            .ToListAsync(ct))
            .Select(i => new Payable(i.Id, i.Number, i.DueDate, i.Currency, i.Amount))
            .ToList();

    [LoggerMessage(Level = LogLevel.Warning, Message = "Stripe checkout for customer {CustomerId} of tenant {TenantId} could not be created: {Reason}")]
    private partial void LogCheckoutFailed(Guid tenantId, Guid customerId, string reason);
}
