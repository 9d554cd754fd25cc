namespace ArCollect.Web.Hosting;

/// <summary>
/// Splits the command line into the verb words (<c>migrate</c>, <c>operator grant EMAIL</c>...) and the standard
/// ASP.NET Core switches (<c>--urls URL</c>, <c>--environment NAME</c>, <c>--Section:Key=value</c>), which go to
/// configuration unchanged, before or after the verb.
/// </summary>
public sealed record CommandLine(IReadOnlyList<string> Words, string[] Switches)
{
    public string? Verb => Words.Count > 0 ? Words[0] : null;

    public static CommandLine Parse(IReadOnlyList<string> args)
    {
        var words = new List<string>();
        var switches = new List<string>();
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (!IsSwitch(arg))
            {
                words.Add(arg);
                continue;
            }

            switches.Add(arg);
            // "--key value": the value belongs to the switch, as the configuration provider reads it.
            if (!arg.Contains('=', StringComparison.Ordinal) && i + 1 < args.Count && !IsSwitch(args[i + 1]))
            {
                switches.Add(args[++i]);
            }
        }

        return new CommandLine(words, [.. switches]);
    }

    /// <summary>The value of a switch such as <c>--contentRoot</c>, in either form, or null.</summary>
    public string? Switch(string name)
    {
        for (var i = 0; i < Switches.Length; i++)
        {
            var key = Switches[i].TrimStart('-', '/');
            var equals = key.IndexOf('=', StringComparison.Ordinal);
            if (equals >= 0 && string.Equals(key[..equals], name, StringComparison.OrdinalIgnoreCase))
            {
                return key[(equals + 1)..];
            }

            if (equals < 0 && string.Equals(key, name, StringComparison.OrdinalIgnoreCase) && i + 1 < Switches.Length)
            {
                return Switches[i + 1];
            }
        }

        return null;
    }

    private static bool IsSwitch(string arg) => arg.StartsWith('-') || (arg.StartsWith('/') && arg.Contains('=', StringComparison.Ordinal));
}
