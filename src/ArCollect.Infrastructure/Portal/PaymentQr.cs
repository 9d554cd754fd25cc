using QRCoder;

namespace ArCollect.Infrastructure.Portal;

/// <summary>
/// The EPC QR code ("GiroCode") banking apps read to fill in a SEPA credit transfer: beneficiary, IBAN, BIC, amount
/// in euro and the RF reference as structured remittance. Only for EUR amounts within the standard's range.
/// </summary>
public static class PaymentQr
{
    public static bool Applies(string currency, decimal amount) =>
        currency == "EUR" && amount is >= 0.01m and <= 999_999_999.99m;

    /// <summary>A PNG of the code, or null when the amount, currency or account cannot be encoded.</summary>
    public static byte[]? GiroCodePng(string beneficiary, string iban, string? bic, decimal amount, string currency, string reference)
    {
        if (!Applies(currency, amount) || string.IsNullOrWhiteSpace(iban) || string.IsNullOrWhiteSpace(beneficiary))
        {
            return null;
        }

        try
        {
            var payload = new PayloadGenerator.Girocode(
                iban, bic ?? "", beneficiary.Length > 70 ? beneficiary[..70] : beneficiary, decimal.Round(amount, 2), reference.Replace(" ", "", StringComparison.Ordinal),
                PayloadGenerator.Girocode.TypeOfRemittance.Structured,
                version: string.IsNullOrWhiteSpace(bic) ? PayloadGenerator.Girocode.GirocodeVersion.Version2 : PayloadGenerator.Girocode.GirocodeVersion.Version1);
            using var generator = new QRCodeGenerator();
            using var data = generator.CreateQrCode(payload.ToString(), QRCodeGenerator.ECCLevel.M);
            return new PngByteQRCode(data).GetGraphic(5);
        }
        catch (PayloadGenerator.Girocode.GirocodeException)
        {
            // The account or name does not meet the EPC rules; the page shows the written instructions alone.
            return null;
        }
    }

    public static string DataUri(byte[] png) => "data:image/png;base64," + Convert.ToBase64String(png);
}
