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
