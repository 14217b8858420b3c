/// What the buttons that turn a page of options say, in the citizen's language.
///
/// A screen whose options do not all fit (twelve services in large text) shows them a page at a time; which
/// options go on a page is the pixel layout's business, since only it knows how much room they take.
public struct OptionPaging: Hashable, Sendable {
    /// The button to the page before ("Vorherige").
    public var previous: String
    /// The button to the page after ("Weitere").
    public var next: String

    /// Creates the labels.
    public init(previous: String, next: String) {
        self.previous = previous
        self.next = next
    }
}
