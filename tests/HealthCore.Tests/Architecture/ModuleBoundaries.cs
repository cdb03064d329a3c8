using System.Reflection;
using System.Reflection.Emit;

namespace HealthCore.Tests.Architecture;

internal sealed record BoundaryViolation(Type From, Type To, string Via)
{
    /// <summary>The type as written in source: lambdas and async methods compile to nested types of it.</summary>
    public Type SourceType
    {
        get
        {
            var type = From;
            while (type.DeclaringType is { } outer)
            {
                type = outer;
            }

            return type;
        }
    }

    public override string ToString() => $"{From.FullName} references {To.FullName} ({Via})";
}

/// <summary>
/// A module may use another module only through that module's Contracts. Finds every type a module type references:
/// in its signatures (base type, interfaces, fields, properties, events, methods, generic arguments, attributes) and in
/// its method bodies (locals, catch clauses and every type, method or field token in the IL), including the nested
/// types the compiler makes for lambdas, iterators and async methods.
/// </summary>
internal static class ModuleBoundaries
{
    private const BindingFlags Declared = BindingFlags.DeclaredOnly | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static;

    private static readonly OpCode[] OneByteOpCodes = new OpCode[0x100];
    private static readonly OpCode[] TwoByteOpCodes = new OpCode[0x100];

#pragma warning disable CA1810 // the opcode tables are filled from OpCodes' fields, which needs a loop
    static ModuleBoundaries()
#pragma warning restore CA1810
    {
        foreach (var field in typeof(OpCodes).GetFields(BindingFlags.Public | BindingFlags.Static))
        {
            var code = (OpCode)field.GetValue(null)!;
            var value = (ushort)code.Value;
            if (value < 0x100)
            {
                OneByteOpCodes[value] = code;
            }
            else if ((value & 0xff00) == 0xfe00)
            {
                TwoByteOpCodes[value & 0xff] = code;
            }
        }
    }

    public static IReadOnlyList<BoundaryViolation> Check(IEnumerable<Type> types, ModuleNamespaces modules)
    {
        var violations = new List<BoundaryViolation>();
        foreach (var type in types)
        {
            if (modules.ModuleOf(type) is not { } module)
            {
                continue;
            }

            foreach (var (referenced, via) in References(type))
            {
                foreach (var part in Decompose(referenced))
                {
                    if (modules.ModuleOf(part) is { } other && other != module && !modules.IsContracts(part))
                    {
                        violations.Add(new BoundaryViolation(type, part, via));
                    }
                }
            }
        }

        return [.. violations.DistinctBy(v => (v.From, v.To, v.Via))];
    }

    /// <summary>Every type the declaration and the method bodies of <paramref name="type"/> mention.</summary>
    public static IEnumerable<(Type Type, string Via)> References(Type type)
    {
        if (type.BaseType is { } baseType)
        {
            yield return (baseType, "base type");
        }

        foreach (var contract in type.GetInterfaces())
        {
            yield return (contract, "interface");
        }

        foreach (var reference in Attributes(type.GetCustomAttributesData(), "attribute"))
        {
            yield return reference;
        }

        if (type.IsGenericTypeDefinition)
        {
            foreach (var constraint in type.GetGenericArguments().SelectMany(argument => argument.GetGenericParameterConstraints()))
            {
                yield return (constraint, "generic constraint");
            }
        }

        foreach (var field in type.GetFields(Declared))
        {
            yield return (field.FieldType, $"field {field.Name}");
            foreach (var reference in Attributes(field.GetCustomAttributesData(), $"attribute of {field.Name}"))
            {
                yield return reference;
            }
        }

        foreach (var property in type.GetProperties(Declared))
        {
            yield return (property.PropertyType, $"property {property.Name}");
            foreach (var reference in Attributes(property.GetCustomAttributesData(), $"attribute of {property.Name}"))
            {
                yield return reference;
            }
        }

        foreach (var @event in type.GetEvents(Declared))
        {
            yield return (@event.EventHandlerType!, $"event {@event.Name}");
        }

        foreach (var method in type.GetMethods(Declared).Cast<MethodBase>().Concat(type.GetConstructors(Declared)))
        {
            foreach (var reference in MethodReferences(method))
            {
                yield return reference;
            }
        }
    }

    private static IEnumerable<(Type Type, string Via)> MethodReferences(MethodBase method)
    {
        var name = method.Name;
        if (method is MethodInfo info)
        {
            yield return (info.ReturnType, $"return type of {name}");
            if (info.IsGenericMethodDefinition)
            {
                foreach (var constraint in info.GetGenericArguments().SelectMany(argument => argument.GetGenericParameterConstraints()))
                {
                    yield return (constraint, $"generic constraint of {name}");
                }
            }
        }

        foreach (var parameter in method.GetParameters())
        {
            yield return (parameter.ParameterType, $"parameter {parameter.Name} of {name}");
        }

        foreach (var reference in Attributes(method.GetCustomAttributesData(), $"attribute of {name}"))
        {
            yield return reference;
        }

        if (method.GetMethodBody() is not { } body)
        {
            yield break;
        }

        foreach (var local in body.LocalVariables)
        {
            yield return (local.LocalType, $"local in {name}");
        }

        foreach (var clause in body.ExceptionHandlingClauses.Where(clause => clause.Flags == ExceptionHandlingClauseOptions.Clause))
        {
            yield return (clause.CatchType!, $"catch in {name}");
        }

        foreach (var member in IlTokens(method, body.GetILAsByteArray() ?? []))
        {
            switch (member)
            {
                case Type referenced:
                    yield return (referenced, $"body of {name}");
                    break;
                case MethodBase called:
                    if (called.DeclaringType is { } owner)
                    {
                        yield return (owner, $"call to {called.Name} in {name}");
                    }

                    if (called is MethodInfo calledInfo)
                    {
                        yield return (calledInfo.ReturnType, $"result of {called.Name} in {name}");
                    }

                    foreach (var parameter in called.GetParameters())
                    {
                        yield return (parameter.ParameterType, $"argument of {called.Name} in {name}");
                    }

                    if (called is MethodInfo { IsGenericMethod: true } generic)
                    {
                        foreach (var argument in generic.GetGenericArguments())
                        {
                            yield return (argument, $"generic argument of {called.Name} in {name}");
                        }
                    }

                    break;
                case FieldInfo field:
                    if (field.DeclaringType is { } fieldOwner)
                    {
                        yield return (fieldOwner, $"field {field.Name} used in {name}");
                    }

                    yield return (field.FieldType, $"field {field.Name} used in {name}");
                    break;
            }
        }
    }

    private static IEnumerable<(Type Type, string Via)> Attributes(IEnumerable<CustomAttributeData> attributes, string via)
    {
        foreach (var attribute in attributes)
        {
            yield return (attribute.AttributeType, via);
            foreach (var argument in attribute.ConstructorArguments.Concat(attribute.NamedArguments.Select(named => named.TypedValue)))
            {
                if (argument.Value is Type typeArgument)
                {
                    yield return (typeArgument, via);
                }
            }
        }
    }

    /// <summary>The members the method's IL refers to through metadata tokens (types, methods, fields).</summary>
    private static IEnumerable<MemberInfo> IlTokens(MethodBase method, byte[] il)
    {
        var typeArguments = method.DeclaringType is { IsGenericType: true } declaring ? declaring.GetGenericArguments() : null;
        var methodArguments = method.IsGenericMethod ? method.GetGenericArguments() : null;
        var position = 0;
        while (position < il.Length)
        {
            var code = il[position] == 0xfe ? TwoByteOpCodes[il[position + 1]] : OneByteOpCodes[il[position]];
            position += code.Size;
            switch (code.OperandType)
            {
                case OperandType.InlineField or OperandType.InlineMethod or OperandType.InlineType or OperandType.InlineTok:
                    var token = BitConverter.ToInt32(il, position);
                    MemberInfo? member;
                    try
                    {
                        member = method.Module.ResolveMember(token, typeArguments, methodArguments);
                    }
                    catch (Exception ex) when (ex is ArgumentException or BadImageFormatException)
                    {
                        throw new InvalidOperationException($"Cannot resolve token 0x{token:x8} in {method.DeclaringType}.{method.Name}", ex);
                    }

                    if (member is not null)
                    {
                        yield return member;
                    }

                    position += 4;
                    break;
                case OperandType.InlineSwitch:
                    position += 4 + (4 * BitConverter.ToInt32(il, position));
                    break;
                default:
                    position += OperandSize(code.OperandType);
                    break;
            }
        }
    }

    private static int OperandSize(OperandType operand) => operand switch
    {
        OperandType.InlineNone => 0,
        OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar => 1,
        OperandType.InlineVar => 2,
        OperandType.InlineI8 or OperandType.InlineR => 8,
        _ => 4,
    };

    /// <summary>The named types inside a constructed type: List&lt;Bed[]&gt; is List&lt;T&gt; and Bed.</summary>
    private static IEnumerable<Type> Decompose(Type type)
    {
        if (type.HasElementType)
        {
            foreach (var inner in Decompose(type.GetElementType()!))
            {
                yield return inner;
            }

            yield break;
        }

        if (type.IsGenericParameter)
        {
            yield break;
        }

        if (type.IsGenericType && !type.IsGenericTypeDefinition)
        {
            yield return type.GetGenericTypeDefinition();
            foreach (var inner in type.GetGenericArguments().SelectMany(Decompose))
            {
                yield return inner;
            }

            yield break;
        }

        yield return type;
    }
}
