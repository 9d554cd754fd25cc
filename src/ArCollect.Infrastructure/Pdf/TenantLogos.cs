using ArCollect.Domain.Tenancy;
using ArCollect.Infrastructure.Data;
using ArCollect.Infrastructure.Tenancy;
using Microsoft.EntityFrameworkCore;
using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.Writer;

namespace ArCollect.Infrastructure.Pdf;

/// <summary>What settings pages show about the stored logo, without its bytes.</summary>
public sealed record LogoSummary(string ContentType, int Width, int Height, string? FileName, DateTimeOffset UploadedAt);

/// <summary>The current tenant's invoice logo: checked on upload, kept in the database, removed on request.</summary>
public sealed class TenantLogos(ArCollectDbContext db, TenantContext tenant, TimeProvider time)
{
    public Task<LogoSummary?> DescribeAsync(CancellationToken cancellationToken) =>
        db.TenantLogos.AsNoTracking()
            .Select(l => new LogoSummary(l.ContentType, l.Width, l.Height, l.FileName, l.UploadedAt))
            .FirstOrDefaultAsync(cancellationToken);

    public Task<TenantLogo?> GetAsync(CancellationToken cancellationToken) =>
        db.TenantLogos.AsNoTracking().FirstOrDefaultAsync(cancellationToken);

    /// <summary>
    /// Stores the tenant's logo, replacing any earlier one, when the upload is a PNG or JPEG within the limits: the
    /// size is checked from the header before any pixel is decoded, then the image is decoded, scaled to the bounds of
    /// <see cref="LogoNormaliser"/> and encoded again, and only those bytes are kept. Otherwise keeps what was there and
    /// returns the reason.
    /// </summary>
    public async Task<LogoCheck> SaveAsync(byte[] content, string? fileName, CancellationToken cancellationToken)
    {
        var check = LogoImage.Inspect(content);
        if (!check.IsValid)
        {
            return check;
        }

        var (normalised, error) = LogoNormaliser.Normalise(content, check);
        if (normalised is null)
        {
            return check with { Error = error };
        }

        if (EmbeddingProblem(normalised.Content, normalised.ContentType) is { } problem)
        {
            return check with { Error = problem };
        }

        var logo = await db.TenantLogos.FirstOrDefaultAsync(cancellationToken);
        if (logo is null)
        {
            logo = new TenantLogo { TenantId = tenant.RequiredTenantId, Content = normalised.Content, ContentType = normalised.ContentType };
            db.TenantLogos.Add(logo);
        }
        else
        {
            logo.Content = normalised.Content;
            logo.ContentType = normalised.ContentType;
        }

        var name = fileName is null ? null : Path.GetFileName(fileName);
        logo.Width = normalised.Width;
        logo.Height = normalised.Height;
        logo.FileName = name?[..Math.Min(name.Length, 200)];
        logo.UploadedAt = time.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
        return check with { Width = normalised.Width, Height = normalised.Height };
    }

    /// <summary>Removes the logo; true when there was one.</summary>
    public async Task<bool> RemoveAsync(CancellationToken cancellationToken) =>
        await db.TenantLogos.ExecuteDeleteAsync(cancellationToken) > 0;

    /// <summary>A header can look right while the pixel data is broken; embedding it once in a scratch PDF proves it can be printed.</summary>
    private static string? EmbeddingProblem(byte[] content, string contentType)
    {
        try
        {
            using var builder = new PdfDocumentBuilder();
            var page = builder.AddPage(100, 100);
            InvoicePdfRenderer.DrawImage(page, content, contentType, new PdfRectangle(0, 0, 50, 50));
            builder.Build();
            return null;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return $"The image could not be read ({e.Message.TrimEnd('.')}). Export the logo again as a standard PNG or JPEG.";
        }
    }
}
