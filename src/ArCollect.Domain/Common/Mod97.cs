namespace ArCollect.Domain.Common;

/// <summary>
/// The ISO 7064 MOD 97-10 arithmetic shared by IBANs and RF creditor references: letters count as two digits
/// (A = 10 ... Z = 35) and the remainder is taken digit by digit, so strings of any length fit.
/// </summary>
public static class Mod97
{
    /// <summary>The remainder of the digit string that <paramref name="alphanumeric"/> stands for, divided by 97.</summary>
    public static int Remainder(string alphanumeric)
    {
        var remainder = 0;
        foreach (var c in alphanumeric)
        {
            if (c is >= '0' and <= '9')
            {
                remainder = ((remainder * 10) + (c - '0')) % 97;
            }
            else if (c is >= 'A' and <= 'Z')
            {
                remainder = ((remainder * 100) + (c - 'A' + 10)) % 97;
            }
            else
            {
                throw new ArgumentException($"'{c}' is neither a digit nor an upper-case letter.", nameof(alphanumeric));
            }
        }

        return remainder;
    }
}
