using ArCollect.Infrastructure.Data;
using ArCollect.Infrastructure.Tenancy;
using FluentValidation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace ArCollect.Web.Pages.Settings;

/// <summary>Admins create API keys (shown once) and revoke them; the list shows when each was last used.</summary>
public sealed class ApiKeysModel(ArCollectDbContext db, ApiKeyService keys) : PageModel
{
    public sealed record KeyRow(Guid Id, string Name, string Prefix, DateTimeOffset CreatedAt, DateTimeOffset? LastUsedAt, DateTimeOffset? RevokedAt);

    public IReadOnlyList<KeyRow> Keys { get; private set; } = [];

    [BindProperty]
    public string Name { get; set; } = "";

    /// <summary>The new key's secret, on the one response that creates it.</summary>
    public string? CreatedSecret { get; private set; }

    public string? Message { get; private set; }

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostCreateAsync()
    {
        ModelState.Clear();
        var validation = new NameValidator().Validate(this);
        foreach (var error in validation.Errors)
        {
            ModelState.AddModelError(nameof(Name), error.ErrorMessage);
        }

        if (validation.IsValid)
        {
            var created = await keys.CreateAsync(Name, HttpContext.RequestAborted);
            CreatedSecret = created.Secret;
            Name = "";
        }

        await LoadAsync();
        return Page();
    }

    /// <summary>The key awaiting the Admin's confirmation before it is revoked.</summary>
    public KeyRow? ConfirmRevoke { get; private set; }

    public async Task<IActionResult> OnPostRevokeAsync(Guid id, bool confirmed)
    {
        await LoadAsync();
        if (!confirmed)
        {
            // Revoking cannot be undone and stops every system using the key, so the Admin confirms it first.
            ConfirmRevoke = Keys.FirstOrDefault(k => k.Id == id && k.RevokedAt is null);
            Message = ConfirmRevoke is null ? "That key does not exist or was already revoked." : null;
            return Page();
        }

        Message = await keys.RevokeAsync(id, HttpContext.RequestAborted)
            ? "The key is revoked; calls with it are refused from now on."
            : "That key does not exist or was already revoked.";
        await LoadAsync();
        return Page();
    }

    private async Task LoadAsync() =>
        Keys = await db.ApiKeys.AsNoTracking().OrderBy(k => k.RevokedAt != null).ThenByDescending(k => k.CreatedAt)
            .Select(k => new KeyRow(k.Id, k.Name, k.Prefix, k.CreatedAt, k.LastUsedAt, k.RevokedAt))
            .ToListAsync(HttpContext.RequestAborted);

    private sealed class NameValidator : AbstractValidator<ApiKeysModel>
    {
        public NameValidator() =>
            RuleFor(x => x.Name).NotEmpty().WithMessage("Name the key after the system that will use it, e.g. \"ERP sync\".")
                .MaximumLength(100).WithMessage("Keep the name under 100 characters.");
    }
}
