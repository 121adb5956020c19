import CustomsCore
import Testing

@Suite struct JSONValueTests {
    @Test func keepsKeyOrderAndExactNumbers() {
        let value = JSONValue.object([("b", .number("1007.12")), ("a", .string("Алатау 霍尔果斯"))])
        #expect(value.serialized(pretty: false) == #"{"b":1007.12,"a":"Алатау 霍尔果斯"}"#)
    }

    @Test func escapesControlCharacters() {
        #expect(JSONValue.string("a\"b\\c\n\u{01}").serialized() == #""a\"b\\c\n\u0001""#)
    }
}
