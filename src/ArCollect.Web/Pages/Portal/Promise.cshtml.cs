using ArCollect.Domain.Activities;
using ArCollect.Domain.Dunning;
using ArCollect.Domain.Invoices;
using ArCollect.Domain.Portal;
using ArCollect.Infrastructure.Data;
using ArCollect.Infrastructure.Portal;
using ArCollect.Web.Pages.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace ArCollect.Web.Pages.Portal;

/// <summary>
/// The customer promises to pay one invoice or the whole balance by a date within the tenant's maximum. Reminders
/// for what is promised pause until that date; the nightly reminder run marks the promise kept or broken.
/// </summary>
public sealed class PromiseModel(ArCollectDbContext db, PortalSession session, PortalLinks links, TimeProvider time)
    : PortalPageModel(db, session, time)
{
    public sealed record OpenInvoice(Guid Id, string Number, string Currency, decimal Balance, DateOnly DueDate);

    [BindProperty]
    public PortalPromiseInput Input { get; set; } = new();

    public IReadOnlyList<OpenInvoice> Invoices { get; private set; } = [];

    public int MaxDays { get; private set; }

    public DateOnly TodayDate => Today;

    /// <summary>What "the whole balance" is: the open amount in the customer's own currency.</summary>
    public decimal WholeBalance => Invoices.Where(i => i.Currency == View.Currency).Sum(i => i.Balance);

    public async Task OnGetAsync(Guid? invoice, CancellationToken ct)
    {
        await LoadAsync(ct);
        Input.InvoiceId = Invoices.Any(i => i.Id == invoice) ? invoice : null;
        Input.Date = Today.AddDays(Math.Min(7, MaxDays));
        Input.Amount = Input.InvoiceId is { } id ? Invoices.First(i => i.Id == id).Balance : WholeBalance;
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        var target = Input.InvoiceId is { } id ? Invoices.FirstOrDefault(i => i.Id == id) : null;
        if (Input.InvoiceId is not null && target is null)
        {
            ModelState.AddFieldError(nameof(Input), nameof(PortalPromiseInput.InvoiceId), "This invoice is not open.");
            return Page();
        }

        var open = target?.Balance ?? WholeBalance;
        ModelState.ApplyValidation(nameof(Input), await new PortalPromiseInputValidator(Today, MaxDays, open).ValidateAsync(Input, ct));
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var currency = target?.Currency ?? View.Currency;
        Db.Promises.Add(new PromiseToPay
        {
            Id = Guid.CreateVersion7(),
            CustomerId = CustomerId,
            InvoiceId = target?.Id,
            PromisedDate = Input.Date!.Value,
            Amount = Input.Amount!.Value,
            Currency = currency,
            Status = PromiseStatus.Open,
            CreatedAt = Now,
        });
        var what = target is null ? "the whole balance" : $"invoice {target.Number}";
        AddTimelineEntry(ActivityType.PromiseToPay,
            $"Customer promised in the portal: {currency} {Input.Amount:N2} for {what} by {Input.Date:yyyy-MM-dd}; reminders pause until then",
            null, target?.Id);
        await Db.SaveChangesAsync(ct);
        return BackHome(T["PromiseThanks"]);
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        MaxDays = (await links.SettingsAsync(ct)).MaxPromiseDays;
        Invoices = await Db.Invoices.AsNoTracking()
            .Where(i => i.CustomerId == CustomerId && i.State == InvoiceState.Issued && i.Balance > 0)
            .OrderBy(i => i.DueDate).ThenBy(i => i.Number)
            .Select(i => new OpenInvoice(i.Id, i.Number, i.Currency, i.Balance, i.DueDate))
            .ToListAsync(ct);
    }
}
