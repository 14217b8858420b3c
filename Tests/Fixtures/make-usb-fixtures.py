#!/usr/bin/env python3
"""Writes the .ioctl URB scripts of the USB scanner tests (umockdev's ioctl tree format, src/ioctl_tree.c).

Each line is one URB as libusb submits and reaps it:
  USBDEVFS_REAPURBNDELAY type endpoint status flags buffer_length actual_length error_count HEX
type 1 interrupt, 2 control; endpoint in decimal (129 = 0x81 IN); HEX is the OUT payload (control: setup + data)
or the IN data returned. libusb 1.0.26 reaps with REAPURBNDELAY, and umockdev matches the reap to the node's type,
so nodes written as USBDEVFS_REAPURB are never found. Status -19 (ENODEV) is what the kernel reports for a device
that was unplugged; libusb turns it into LIBUSB_TRANSFER_NO_DEVICE.
umockdev replays the nodes in order and starts again at the top when the script is done; the tests stop reading
after the events they expect. Run from this folder: python3 make-usb-fixtures.py
"""

HONEYWELL_ENABLE = "USBDEVFS_REAPURBNDELAY 0 2 0 0 0 10 2 0 2109FE0300000200FE01"  # SET_REPORT feature FE [01]


def pos_report(data: bytes, aim: bytes = b"]Q1", more: bool = False, report_id: int = 2, length: int | None = None):
    report = bytearray(64)
    report[0] = report_id
    report[1] = len(data) if length is None else length
    report[2:5] = aim
    report[5:5 + len(data)] = data
    report[63] = 1 if more else 0
    return bytes(report)


def interrupt(data: bytes, buffer_length: int, status: int = 0) -> str:
    return f"USBDEVFS_REAPURBNDELAY 0 1 129 {status} 0 {buffer_length} {len(data)} 0 {data.hex().upper()}"


def pos_scan(code: bytes, aim: bytes) -> list[str]:
    parts = [code[i:i + 56] for i in range(0, len(code), 56)]
    return [interrupt(pos_report(part, aim, more=index < len(parts) - 1), 64) for index, part in enumerate(parts)]


def write(path: str, device: str, lines: list[str]):
    with open(path, "w") as file:
        file.write(f"@DEV {device}\n" + "\n".join(lines) + "\n")


# Test data only: a made-up booking link and a standard EAN-13 example number.
QR = b"https://termine.musterstadt.invalid/checkin?vorgang=4711-0815&key=Xy9Qa7bC2dE5fG8h"
EAN = b"4006381333931"
HID_POS = "/dev/bus/usb/001/005"

write("hid-pos/qr-and-ean.ioctl", HID_POS, [HONEYWELL_ENABLE] + pos_scan(QR, b"]Q1") + pos_scan(EAN, b"]E0"))
write("hid-pos/unplug.ioctl", HID_POS, [HONEYWELL_ENABLE] + pos_scan(EAN, b"]E0") + [
    interrupt(pos_report(QR[:56], b"]Q1", more=True), 64),  # first half of a QR code, then the cable is pulled
    interrupt(b"", 64, status=-19),
])
write("hid-pos/broken-reports.ioctl", HID_POS, [HONEYWELL_ENABLE] + [
    interrupt(bytes([0x02, 0x0D, 0x5D]), 64),  # truncated: shorter than the header
    interrupt(pos_report(EAN, b"]E0", report_id=0x07), 64),  # garbled: not a scanned-data report
    interrupt(pos_report(EAN, b"]E0", length=60), 64),  # garbled: length beyond what a report carries
] + pos_scan(QR, b"]Q1"))

# Keyboard wedge, German layout: (modifier, usage) per character; every press is followed by a release report.
SHIFT, ALTGR = 0x02, 0x40
GERMAN = {c: (0, 0x04 + i) for i, c in enumerate("abcdefghijklmnopqrstuvwxzy")}
GERMAN |= {c.upper(): (SHIFT, u) for c, (_, u) in list(GERMAN.items())}
GERMAN |= {c: (0, 0x1E + i) for i, c in enumerate("1234567890")}
GERMAN |= {"ü": (0, 0x2F), "Ü": (SHIFT, 0x2F), "ö": (0, 0x33), "Ö": (SHIFT, 0x33), "ä": (0, 0x34), "Ä": (SHIFT, 0x34),
           "ß": (0, 0x2D), "-": (0, 0x38), " ": (0, 0x2C), "/": (SHIFT, 0x24), "@": (ALTGR, 0x14), "€": (ALTGR, 0x08),
           "{": (ALTGR, 0x24), "[": (ALTGR, 0x25), "]": (ALTGR, 0x26), "}": (ALTGR, 0x27), "\\": (ALTGR, 0x2D),
           "~": (ALTGR, 0x30), "|": (ALTGR, 0x64), ".": (0, 0x37), ":": (SHIFT, 0x37)}
RELEASE = bytes(8)
ENTER = bytes([0, 0, 0x28, 0, 0, 0, 0, 0])


def wedge_scan(text: str) -> list[str]:
    lines = []
    for character in text:
        modifier, usage = GERMAN[character]
        lines += [interrupt(bytes([modifier, 0, usage, 0, 0, 0, 0, 0]), 8), interrupt(RELEASE, 8)]
    return lines + [interrupt(ENTER, 8), interrupt(RELEASE, 8)]


WEDGE = "/dev/bus/usb/001/006"
write("keyboard-wedge/german-scan.ioctl", WEDGE,
      wedge_scan("Müller-Straße 7 Öl Äpfel @€{[]}\\~| zY")
      # a key the layout has no character for (F1) spoils that scan; the next one decodes again
      + [interrupt(bytes([0, 0, 0x04, 0, 0, 0, 0, 0]), 8), interrupt(bytes([0, 0, 0x3A, 0, 0, 0, 0, 0]), 8),
         interrupt(RELEASE, 8), interrupt(ENTER, 8), interrupt(RELEASE, 8)]
      # "aa": the held key (two reports with 04) is one a, the second a comes after a release
      + [interrupt(bytes([0, 0, 0x04, 0, 0, 0, 0, 0]), 8), interrupt(bytes([0, 0, 0x04, 0, 0, 0, 0, 0]), 8),
         interrupt(RELEASE, 8), interrupt(bytes([0, 0, 0x04, 0, 0, 0, 0, 0]), 8), interrupt(RELEASE, 8),
         interrupt(ENTER, 8), interrupt(RELEASE, 8)])

# Wacom STU-430: feature reports over the control endpoint, pen data (report 34) on interrupt endpoint 81.
# Control OUT (SET_REPORT) nodes carry setup + data and must match byte for byte. Control IN (GET_REPORT) nodes
# use endpoint 128: the driver submits device-to-host control URBs with the IN bit set (as the kernel itself
# does), because umockdev copies answer data back only for IN endpoints; it copies `actual_length` bytes from the
# start of the buffer, so the node holds setup + answer and counts both. The image upload depends on the Swift
# renderer, so these scripts are templates (.ioctl.in): the test puts the upload's SET_REPORT nodes in place of
# the line IMAGE-UPLOAD.
STU = "/dev/bus/usb/001/007"


def set_report(report: bytes) -> str:
    setup = bytes([0x21, 0x09, report[0], 0x03, 0, 0, len(report) & 0xFF, len(report) >> 8])
    return f"USBDEVFS_REAPURBNDELAY 0 2 0 0 0 {8 + len(report)} {len(report)} 0 {(setup + report).hex().upper()}"


def get_report(answer: bytes) -> str:
    setup = bytes([0xA1, 0x01, answer[0], 0x03, 0, 0, len(answer) & 0xFF, len(answer) >> 8])
    length = 8 + len(answer)
    return f"USBDEVFS_REAPURBNDELAY 0 2 128 0 0 {length} {length} 0 {(setup + answer).hex().upper()}"


# maxX 9600, maxY 6000, pressure 1023, screen 320x200, 200 reports/s, 2540 units/inch, 1-bit images.
CAPABILITY = bytes([0x09, 0x25, 0x80, 0x17, 0x70, 0x03, 0xFF, 0x01, 0x40, 0x00, 0xC8, 0xC8, 0x09, 0xEC, 0x02, 0, 0])
STU_SETUP = [get_report(CAPABILITY), set_report(bytes([0x32, 0x03])), set_report(bytes([0x20, 0x00])), "IMAGE-UPLOAD",
             get_report(bytes([0x03, 0x00, 0x00, 0x00, 0x00])), set_report(bytes([0x21, 0x01]))]
STU_CLOSE = [set_report(bytes([0x21, 0x00])), set_report(bytes([0x20, 0x00]))]


class Pen:
    """Report 34 lines with a running sequence number and a 5 ms pad clock (200 reports/s)."""

    def __init__(self):
        self.sequence = 0
        self.time = 65530  # starts just below the wrap, so the test sees the clock wrap handled

    def report(self, x: int, y: int, pressure: int, touching: bool, skip: int = 0) -> str:
        self.sequence = (self.sequence + 1 + skip) & 0xFFFF
        self.time = (self.time + 5 * (1 + skip)) & 0xFFFF
        status = 0x80 | (0x10 if touching else 0) | (pressure >> 8 & 0x0F)
        data = bytes([0x34, status, pressure & 0xFF, x >> 8, x & 0xFF, y >> 8, y & 0xFF,
                      self.time >> 8, self.time & 0xFF, self.sequence >> 8, self.sequence & 0xFF])
        return interrupt(data, 64)

    def stroke(self, points: list[tuple[int, int, int]], skip_at: int | None = None, skip: int = 0) -> list[str]:
        lines = [self.report(x, y, p, True, skip if index == skip_at else 0) for index, (x, y, p) in enumerate(points)]
        x, y, _ = points[-1]
        return lines + [self.report(x, y, 0, False)]


# Tablet positions: the signing area is screen rows 50-159 (tablet y ~1500-4799); OK is bottom right, cancel
# bottom left (screen rows 160-195, tablet y ~4800-5850).
STROKE_1 = [(1000, 2500, 300), (1400, 2600, 420), (1800, 2800, 510), (2200, 2700, 600), (2600, 2500, 380)]
STROKE_2 = [(3000, 2000, 250), (3100, 2600, 500), (3200, 3200, 700), (3300, 3600, 400)]
STROKE_3 = [(4000, 3000, 200), (4800, 3000, 640), (5600, 3100, 300)]
OK_TAP = [(8000, 5400, 500), (8010, 5405, 520)]
CANCEL_TAP = [(2000, 5400, 500), (2004, 5402, 500)]


def stu_script(path: str, body: list[str], close: bool = True):
    write(path, STU, STU_SETUP + body + (STU_CLOSE if close else []))


pen = Pen()
stu_script("wacom-stu/three-strokes.ioctl.in",
           pen.stroke(STROKE_1) + pen.stroke(STROKE_2) + pen.stroke(STROKE_3) + pen.stroke(OK_TAP))
pen = Pen()
# Stroke 2 loses three reports before its third point.
stu_script("wacom-stu/dropped-reports.ioctl.in",
           pen.stroke(STROKE_1) + pen.stroke(STROKE_2, skip_at=2, skip=3) + pen.stroke(STROKE_3) + pen.stroke(OK_TAP))
pen = Pen()
# The cable is pulled in the middle of the second stroke.
stu_script("wacom-stu/unplug.ioctl.in",
           pen.stroke(STROKE_1) + pen.stroke(STROKE_2)[:2] + [interrupt(b"", 64, status=-19)], close=False)
pen = Pen()
stu_script("wacom-stu/cancel.ioctl.in", pen.stroke(STROKE_1) + pen.stroke(CANCEL_TAP))
