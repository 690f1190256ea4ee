// CSVReader.next(column:): one field per record, with the lines and errors next() gives.
import CSV
import Testing

@Suite("CSVReader.next(column:)")
struct CSVReaderColumnTests {
    @Test("the same line and field as next(), across quoted fields that span lines")
    func sameAsNext() throws {
        let text = "email,note\r\na@example.com,\"one\ntwo\"\n\"b,@example.com\",x\nc@example.com,\"\"\"q\"\"\"\n"
        let full = try CSVReader(bytes: Array(text.utf8))
        let column = try CSVReader(bytes: Array(text.utf8))
        while let record = try full.next() {
            let one = try #require(try column.next(column: 0))
            #expect(one.line == record.line)
            #expect(one.field == record.fields[0])
        }
        #expect(try column.next(column: 0) == nil)
    }

    @Test("a record with the wrong number of fields is an error, as with next()")
    func fieldCount() {
        let reader = try? CSVReader(bytes: Array("email,name\na@example.com\n".utf8))
        #expect(throws: CSVError.self) { _ = try reader?.next(column: 0) }
    }
}
