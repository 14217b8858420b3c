import Printing
import KioskTesting
import PrintingTesting
import Testing

@Suite struct TransliteratorTests {
    let duden = Transliterator()
    let icao = Transliterator(cyrillicScheme: .icao9303)

    struct Case: CustomTestStringConvertible, Sendable {
        var input: String
        var pc858: String
        var pc437: String
        var testDescription: String { input }
    }

    static let names: [Case] = [
        Case(input: "Ахмед Шевченко", pc858: "Achmed Schewtschenko", pc437: "Achmed Schewtschenko"),
        Case(input: "Jürgen Weiß", pc858: "Jürgen Weiß", pc437: "Jürgen Weiß"),
        Case(input: "Zoë Ødegård", pc858: "Zoë Ødegård", pc437: "Zoë Ödegård"),
        Case(input: "محمد علي", pc858: "Mhmd 'Li", pc437: "Mhmd 'Li"),
        Case(input: "Łukasz Żółć", pc858: "Lukasz Zólc", pc437: "Lukasz Zólc"),
        Case(input: "Ayşe Yılmaz", pc858: "Ayse Yilmaz", pc437: "Ayse Yilmaz"),
        Case(input: "Ελένη", pc858: "Eleni", pc437: "Eleni"),
        Case(input: "Çağla Gündoğdu", pc858: "Çagla Gündogdu", pc437: "Çagla Gündogdu"),
        Case(input: "İsmail Şahin", pc858: "Ismail Sahin", pc437: "Ismail Sahin"),
        Case(input: "Dvořák Škoda", pc858: "Dvorák Skoda", pc437: "Dvorák Skoda"),
        Case(input: "Erdős Pál", pc858: "Erdös Pál", pc437: "Erdös Pál"),
        Case(input: "Nguyễn Thị Minh Khai", pc858: "Nguyen Thi Minh Khai", pc437: "Nguyen Thi Minh Khai"),
        Case(input: "Œdipe Æsir", pc858: "Oedipe Æsir", pc437: "Oedipe Æsir"),
        Case(input: "Þórunn Guðmundsdóttir", pc858: "Þórunn Guðmundsdóttir", pc437: "Thórunn Gudmundsdóttir"),
    ]

    @Test(arguments: names)
    func realNames(_ name: Case) {
        let pc858 = duden.transliterate(name.input, to: .pc858)
        #expect(pc858.text == name.pc858)
        #expect(pc858.unrepresentableCount == 0)
        let pc437 = duden.transliterate(name.input, to: .pc437)
        #expect(pc437.text == name.pc437)
        #expect(pc437.unrepresentableCount == 0)
    }

    @Test func russianDudenContextRules() {
        let text = duden.transliterate("Юрий Достоевский Василий Пётр Горбачёв Наталья Евгений Андрей", to: .pc858)
        #expect(text.text == "Juri Dostojewski Wassili Pjotr Gorbatschow Natalja Jewgeni Andrei")
    }

    @Test func ukrainianWordsReadГAsH() {
        let text = duden.transliterate("Київ Сергій Олександр Зінченко Євген Ґудзь", to: .pc858)
        #expect(text.text == "Kyjiw Serhij Oleksandr Sintschenko Jewhen Guds")
    }

    @Test func allCapitalWordsStayAllCapital() {
        #expect(duden.transliterate("ШЕВЧЕНКО Шевченко", to: .pc858).text == "SCHEWTSCHENKO Schewtschenko")
        #expect(icao.transliterate("ЩУКИН", to: .pc858).text == "SHCHUKIN")
        #expect(duden.transliterate("ÆBLE Æble", to: .pc437).text == "ÆBLE Æble")
        #expect(duden.transliterate("STRAẞE", to: .pc858).text == "STRASSE")
    }

    @Test func icaoSchemeMatchesPassports() {
        #expect(icao.transliterate("Ахмед Шевченко", to: .pc858).text == "Akhmed Shevchenko")
        #expect(icao.transliterate("Юлия Щербакова", to: .pc858).text == "Iuliia Shcherbakova")
        #expect(icao.transliterate("Євгенія", to: .pc858).text == "Ievgeniia")
    }

    @Test func greekDiphthongsAndClusters() {
        let text = duden.transliterate("Γιώργος Παπαδόπουλος Ευάγγελος Μπάμπης Ντίνος αυτός Ευρώπη Αθηνά", to: .pc858)
        #expect(text.text == "Giorgos Papadopoulos Evangelos Bampis Dinos aftos Evropi Athina")
        // A diaeresis keeps the vowels apart.
        #expect(duden.transliterate("Ευφροσύνη Μαΐου προϋπόθεση", to: .pc858).text == "Effrosyni Maiou proypothesi")
    }

    @Test func greekIsTransliteratedWholeEvenWhereThePageHasSomeLetters() {
        // PC437 has σ and π but mixing them into Latin would be unreadable.
        #expect(duden.transliterate("Σπύρος", to: .pc437).text == "Spyros")
    }

    @Test func vocalisedArabicGivesFullNames() {
        let text = duden.transliterate("مُحَمَّد فَاطِمَة أَحْمَد", to: .pc858)
        #expect(text.text == "Muhammad Fatima Ahmad")
    }

    @Test func unvocalisedArabicReadsLongVowelsAndSemivowels() {
        let text = duden.transliterate("فاطمة ياسين محمود خالد شريف جميلة", to: .pc858)
        #expect(text.text == "Fatma Yasin Mhmud Chald Schrif Dschmila")
        #expect(text.unrepresentableCount == 0)
    }

    @Test func arabicDigitsAndPunctuation() {
        #expect(duden.transliterate("رقم ١٢٣، نعم؟", to: .pc858).text == "Rqm 123, N'm?")
        #expect(duden.transliterate("۱۴۰۲", to: .pc858).text == "1402")
    }

    @Test func arabicPresentationFormsAreUnfolded() {
        // ﻣﺤﻤﺪ in contextual forms, as some PDF extractions deliver names.
        #expect(duden.transliterate("\u{FEE3}\u{FEA4}\u{FEE4}\u{FEAA}", to: .pc858).text == "Mhmd")
    }

    @Test func decomposedInputIsComposedFirst() {
        let decomposed = "Jo\u{0308}rg Rene\u{0301} Zoe\u{0308}"
        #expect(duden.transliterate(decomposed, to: .pc858).text == "Jörg René Zoë")
        // No precomposed q with acute exists: the mark is dropped, the letter stays.
        #expect(duden.transliterate("q\u{0301}x", to: .pc858).text == "qx")
        // Decomposed Cyrillic й and Greek accents.
        #expect(duden.transliterate("Андре\u{0438}\u{0306}", to: .pc858).text == "Andrei")
        #expect(duden.transliterate("Ελε\u{03B5}\u{0301}νη", to: .pc858).text == "Eleeni")
    }

    @Test func typographyBecomesASCIIWhereThePageLacksIt() {
        let text = "„Termin“ – 10…12 ‘a’ •"
        #expect(duden.transliterate(text, to: .pc858).text == "\"Termin\" - 10...12 'a' *")
        #expect(duden.transliterate(text, to: .wpc1252).text == text)
    }

    @Test func euroSign() {
        #expect(duden.transliterate("5 €", to: .pc858).text == "5 €")
        #expect(duden.transliterate("5 €", to: .wpc1252).text == "5 €")
        #expect(duden.transliterate("5 €", to: .pc850).text == "5 EUR")
        #expect(duden.transliterate("5 €", to: .pc437).text == "5 EUR")
    }

    @Test func turkishDotlessIIsKeptWhereThePageHasIt() {
        #expect(duden.transliterate("Yılmaz", to: .pc850).text == "Yılmaz")
        #expect(duden.transliterate("Yılmaz", to: .pc858).text == "Yilmaz")
    }

    @Test func germanFallbacksForPagesWithoutUmlauts() {
        let asciiOnly = duden.transliterate("Größe Weiß Ärger Ø", keeping: { $0.isASCII })
        #expect(asciiOnly.text == "Groesse Weiss Aerger Oe")
        #expect(asciiOnly.unrepresentableCount == 0)
    }

    @Test func spacesLineBreaksAndInvisibleCharacters() {
        let text = "a\tb\r\nc\rd\u{2028}e\u{00AD}f\u{200B}g\u{2009}h\u{FEFF}"
        #expect(duden.transliterate(text, to: .pc858).text == "a b\nc\nd\nefg h")
        #expect(duden.transliterate("A\u{00A0}017\u{202F}x", to: .pc858).text == "A\u{00A0}017\u{00A0}x")
    }

    @Test func compatibilityForms() {
        #expect(duden.transliterate("ﬁ ① ＡＢＣ ǅ ™", to: .pc858).text == "fi 1 ABC Dz (TM)")
    }

    @Test func unknownCharactersBecomeQuestionMarksAndAreCounted() {
        let result = duden.transliterate("Name: 王 🙂", to: .pc858)
        #expect(result.text == "Name: ? ?")
        #expect(result.unrepresentableCount == 2)
        // Skin tones and variation selectors ride along with the emoji and are not counted again.
        #expect(duden.transliterate("👍🏽❤️", to: .pc858).unrepresentableCount == 2)
    }

    @Test(arguments: CodePage.allCases)
    func outputOnlyUsesCharactersOfThePage(page: CodePage) {
        var generatorState: UInt64 = 42
        let pool = Array("aZ09 äÖß€ŁłőØæœ„“–…ĞşıİАаЯяЁёЇїΑαΩωάϊمُحَمَّد١漢🙂\u{301}\u{00A0}\u{2009}\t\n")
        for _ in 0..<200 {
            var text = ""
            for _ in 0..<30 {
                generatorState = generatorState &* 6_364_136_223_846_793_005 &+ 1
                text.append(pool[Int(generatorState >> 33) % pool.count])
            }
            for scalar in duden.transliterate(text, to: page).text.unicodeScalars {
                #expect(scalar == "\n" || page.byte(for: scalar) != nil, "\(page): \(scalar)")
            }
        }
    }

    @Test func randomUnicodeNeverTrapsAndAlwaysEncodes() {
        var random = SeededRandomNumberGenerator(seed: 2024)
        // Mostly the blocks with rules, plus anything else in the first planes.
        let ranges: [ClosedRange<UInt32>] = [
            0x0000...0x024F, 0x0300...0x036F, 0x0370...0x03FF, 0x0400...0x04FF, 0x0600...0x06FF, 0x1F00...0x1FFF,
            0x2000...0x206F, 0xFB50...0xFEFF, 0x0000...0x2FFFF,
        ]
        for _ in 0..<2000 {
            var text = String.UnicodeScalarView()
            for _ in 0..<Int.random(in: 0...24, using: &random) {
                let range = ranges.randomElement(using: &random)!
                if let scalar = Unicode.Scalar(UInt32.random(in: range, using: &random)) {
                    text.append(scalar)
                }
            }
            let page = CodePage.allCases.randomElement(using: &random)!
            let result = duden.transliterate(String(text), to: page)
            #expect(result.text.unicodeScalars.allSatisfy { $0 == "\n" || page.byte(for: $0) != nil })
            #expect(CodePageEncoder(codePage: page).encode(String(text)).allSatisfy { $0 >= 0x20 || $0 == 0x0A })
        }
    }
}
