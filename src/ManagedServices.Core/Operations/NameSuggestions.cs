
namespace ManagedServices.Operations;

/// <summary>
/// "Did you mean": the names closest to a word someone typed, among the names a tool knows (its commands and
/// options). The distance is the one <see cref="OperationCatalog.GetClosest"/> uses: case-insensitive edits, with a
/// swap of two neighbouring letters counting one.
/// </summary>
public static class NameSuggestions
{
    /// <summary>
    /// The candidates closest to <paramref name="word"/>, best first, at most three. Leading <c>-</c> characters (the
    /// dashes of a command-line option) are ignored on both sides. A candidate is close when its edit distance is at
    /// most a third of the word's length (at least 1), or when it starts with the word (then it comes first); a word
    /// shorter than 3 letters, and candidates shorter than 2, get no suggestion. Ties are broken by ordinal order.
    /// </summary>
    /// <param name="word">The word typed, for example <c>--delegabel</c>.</param>
    /// <param name="candidates">The known names, for example <c>--delegable</c>.</param>
    /// <returns>The closest candidates as given (dashes kept); empty when none is close.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static ImmutableArray<string> Closest(string word, IEnumerable<string> candidates)
    {
        ArgumentNullException.ThrowIfNull(word);
        ArgumentNullException.ThrowIfNull(candidates);
        var typed = word.TrimStart('-');
        if (typed.Length < 3)
        {
            return [];
        }

        var budget = Math.Max(1, typed.Length / 3);
        var scratch = new int[EditDistance.ScratchLength(typed.Length)];
        return
        [
            .. candidates
                .Where(static c => c is not null && c.TrimStart('-').Length >= 2)
                .Select(c => (Candidate: c, Distance: EditDistance.Bounded(typed, c.TrimStart('-'), budget, scratch), Prefix: c.TrimStart('-').StartsWith(typed, StringComparison.OrdinalIgnoreCase)))
                .Where(x => x.Distance <= budget || x.Prefix)
                .OrderBy(static x => x.Prefix ? 0 : x.Distance)
                .ThenBy(static x => x.Candidate, StringComparer.Ordinal)
                .Take(3)
                .Select(static x => x.Candidate),
        ];
    }
}
