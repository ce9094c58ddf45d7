using System.Text;

namespace ManagedServices.Generators;

/// <summary>
/// The six equality and ordering operators of a value type that is <c>IEquatable&lt;T&gt;</c> and
/// <c>IComparable&lt;T&gt;</c>, defined through its <c>Equals</c> and <c>CompareTo</c>: the one text both
/// <see cref="GuidIdentifierGenerator"/> and <see cref="ComparisonOperatorsGenerator"/> emit.
/// </summary>
internal static class ComparisonOperators
{
    /// <summary>The text of the operators, indented for a type body.</summary>
    /// <param name="type">The type's name.</param>
    /// <param name="plural">What the type's values are called in the plural ("identifiers", "versions").</param>
    /// <param name="before">What the left operand of <c>&lt;</c> does ("sorts first", "is older").</param>
    /// <param name="after">What the left operand of <c>&gt;</c> does ("sorts last", "is newer").</param>
    public static string Emit(string type, string plural, string before, string after)
    {
        var text = new StringBuilder();
        Operator("==", "Compares", "True when equal.", "left.Equals(right)");
        Operator("!=", "Compares", "True when different.", "!left.Equals(right)");
        Operator("<", "Orders", $"True when <paramref name=\"left\"/> {before}.", "left.CompareTo(right) < 0");
        Operator("<=", "Orders", $"True when <paramref name=\"left\"/> {before} or they are equal.", "left.CompareTo(right) <= 0");
        Operator(">", "Orders", $"True when <paramref name=\"left\"/> {after}.", "left.CompareTo(right) > 0");
        Operator(">=", "Orders", $"True when <paramref name=\"left\"/> {after} or they are equal.", "left.CompareTo(right) >= 0");
        return text.ToString();

        void Operator(string op, string verb, string returns, string body) => text
            .Append("    /// <summary>").Append(verb).Append(" two ").Append(plural).Append(" (<see cref=\"").Append(type).AppendLine("\"/>).</summary>")
            .AppendLine("    /// <param name=\"left\">The first.</param>")
            .AppendLine("    /// <param name=\"right\">The second.</param>")
            .Append("    /// <returns>").Append(returns).AppendLine("</returns>")
            .Append("    public static bool operator ").Append(op).Append('(').Append(type).Append(" left, ").Append(type).Append(" right) => ")
            .Append(body).AppendLine(";")
            .AppendLine();
    }
}
