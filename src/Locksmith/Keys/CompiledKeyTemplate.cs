using System.Globalization;
using System.Linq.Expressions;
using System.Reflection;
using System.Runtime.CompilerServices;

namespace Locksmith.Keys;

/// <summary>
/// A key template bound to one method's parameters: placeholders became typed accessors compiled once,
/// so producing a key costs one string and no boxing beyond the arguments array the weaver already built.
/// </summary>
internal sealed class CompiledKeyTemplate
{
    private readonly KeySegment[] _segments;
    private readonly string? _constant;
    private readonly int _literalLength;

    private CompiledKeyTemplate(KeySegment[] segments, string? constant)
    {
        _segments = segments;
        _constant = constant;
        _literalLength = segments.OfType<LiteralSegment>().Sum(s => s.Text.Length);
    }

    /// <summary>Binds <paramref name="template"/> to <paramref name="method"/>; unknown names fail here, naming method and placeholder.</summary>
    public static CompiledKeyTemplate Bind(KeyTemplate template, MethodBase method, string where)
    {
        if (template.Parts.All(p => p.IsLiteral))
        {
            return new CompiledKeyTemplate([], string.Concat(template.Parts.Select(p => p.Text)));
        }

        var parameters = method.GetParameters();
        var segments = template.Parts
            .Select(part => part.IsLiteral ? new LiteralSegment(part.Text!) : BindPlaceholder(template, part, parameters, where))
            .ToArray();
        return new CompiledKeyTemplate(segments, null);
    }

    /// <summary>Produces the key for one call's arguments.</summary>
    public string Format(object?[] args)
    {
        if (_constant is not null)
        {
            return _constant;
        }

        var handler = new DefaultInterpolatedStringHandler(_literalLength, _segments.Length, CultureInfo.InvariantCulture, stackalloc char[256]);
        foreach (var segment in _segments)
        {
            segment.Append(ref handler, args);
        }

        return handler.ToStringAndClear();
    }

    private static KeySegment BindPlaceholder(KeyTemplate template, KeyTemplatePart part, ParameterInfo[] parameters, string where)
    {
        var path = part.Path!;
        var parameter = parameters.FirstOrDefault(p => p.Name == path[0].TrimStart('@'));
        if (parameter is null)
        {
            var names = parameters.Length == 0 ? "it has none" : "it has " + string.Join(", ", parameters.Select(p => p.Name));
            throw new KeyTemplateException(
                $"{where}: key template \"{template.Text}\" uses placeholder {part.Source}, but the method has no parameter named '{path[0]}' ({names}). " +
                "Rename the placeholder to one of the parameters, or add the parameter.");
        }

        var parameterType = parameter.ParameterType.IsByRef ? parameter.ParameterType.GetElementType()! : parameter.ParameterType;
        var args = Expression.Parameter(typeof(object?[]), "args");
        var locals = new List<ParameterExpression>();
        var body = new List<Expression>();
        var description = parameter.Name!;

        Expression current = Expression.Convert(Expression.ArrayIndex(args, Expression.Constant(parameter.Position)), parameterType);
        current = GuardNull(current, description, part, template, where, locals, body);
        foreach (var memberName in path.Skip(1))
        {
            var member = FindMember(current.Type, memberName);
            if (member is null)
            {
                throw new KeyTemplateException(
                    $"{where}: key template \"{template.Text}\" uses placeholder {part.Source}, but {description} (of type {current.Type.Name}) has no public property or field '{memberName}'. " +
                    "Fix the member name, or make the member public.");
            }

            current = Expression.MakeMemberAccess(current, member);
            description += "." + memberName;
            current = GuardNull(current, description, part, template, where, locals, body);
        }

        body.Add(current);
        var lambdaType = typeof(Func<,>).MakeGenericType(typeof(object?[]), current.Type);
        var accessor = Expression.Lambda(lambdaType, Expression.Block(current.Type, locals, body), args).Compile();
        var segmentType = typeof(PlaceholderSegment<>).MakeGenericType(current.Type);
        return (KeySegment)Activator.CreateInstance(segmentType, accessor, part.Format)!;
    }

    private static Expression GuardNull(
        Expression value, string description, KeyTemplatePart part, KeyTemplate template, string where,
        List<ParameterExpression> locals, List<Expression> body)
    {
        if (value.Type.IsValueType && Nullable.GetUnderlyingType(value.Type) is null)
        {
            return value;
        }

        // Evaluate once into a local, then fail loudly on null: a key like "stock:" would silently lock the wrong thing.
        var local = Expression.Variable(value.Type, description.Replace('.', '_'));
        locals.Add(local);
        body.Add(Expression.Assign(local, value));
        var message = $"{where}: key template \"{template.Text}\" placeholder {part.Source}: {description} was null when the method was called. " +
                      "Lock keys cannot contain null; pass a value, or use a member that is never null.";
        body.Add(Expression.IfThen(
            Expression.Equal(local, Expression.Constant(null, value.Type)),
            Expression.Throw(Expression.New(typeof(KeyTemplateException).GetConstructor([typeof(string)])!, Expression.Constant(message)))));
        return Nullable.GetUnderlyingType(value.Type) is not null ? Expression.Property(local, "Value") : local;
    }

    private static MemberInfo? FindMember(Type type, string name) =>
        (MemberInfo?)type.GetProperty(name, BindingFlags.Public | BindingFlags.Instance)
        ?? type.GetField(name, BindingFlags.Public | BindingFlags.Instance)
        ?? (type.IsInterface
            ? type.GetInterfaces().Select(i => (MemberInfo?)i.GetProperty(name)).FirstOrDefault(m => m is not null)
            : null);
}
