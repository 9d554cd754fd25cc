using System.Text;

namespace ArCollect.Domain.Common;

/// <summary>Shows a state's name as words on screen: PartiallyPaid reads "Partially paid", DeadLetter "Dead letter".</summary>
public static class Labels
{
    public static string Words(this Enum value)
    {
        var name = value.ToString();
        var words = new StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (i > 0 && char.IsUpper(c))
            {
                words.Append(' ').Append(char.ToLowerInvariant(c));
            }
            else
            {
                words.Append(c);
            }
        }

        return words.ToString();
    }
}
