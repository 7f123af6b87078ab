"""Known-answer vectors for the licence family's validators, made with python-stdnum.

    pip install python-stdnum && python3 tests/data/stdnum/licences.py > tests/data/stdnum/licences.jsonl

Covered: Spain's licence (es.dni, es.nie), Sweden's (se.personnummer), Finland's (fi.hetu) and
Argentina's SUBE card (stdnum.luhn on 6061 numbers). python-stdnum has no VIN, UK, German or Indian
licence module. Left out on purpose: Swedish coordination numbers (day + 60), which our validator
accepts and se.personnummer does not, and 29 February in two-digit-year forms, whose century
se.personnummer guesses from today's date.
"""

import json
import random

from stdnum import luhn
from stdnum.es import dni, nie
from stdnum.fi import hetu
from stdnum.se import personnummer

rng = random.Random(0x11CE)
vectors = []


def add(validator, value, valid):
    vectors.append({"validator": validator, "value": value, "valid": bool(valid)})


def other_character(character, alphabet):
    return rng.choice([c for c in alphabet if c != character])


def date():
    year = rng.randint(1930, 2005)
    month = rng.randint(1, 12)
    day = rng.randint(1, 28)
    return year, month, day


# Spain: DNI (8 digits and a letter) and NIE (X/Y/Z, 7 digits, a letter), each with a wrong letter.
for _ in range(40):
    body = "%08d" % rng.randint(1, 99999999)
    good = body + dni.calc_check_digit(body)
    add("spain_drivers_licence", good, dni.is_valid(good))
    bad = body + other_character(good[-1], "TRWAGMYFPDXBNJZSQVHLCKE")
    add("spain_drivers_licence", bad, dni.is_valid(bad))
for _ in range(20):
    body = rng.choice("XYZ") + "%07d" % rng.randint(0, 9999999)
    good = body + nie.calc_check_digit(body)
    add("spain_drivers_licence", good, nie.is_valid(good))
    bad = body + other_character(good[-1], "TRWAGMYFPDXBNJZSQVHLCKE")
    add("spain_drivers_licence", bad, nie.is_valid(bad))

# Sweden: personnummer in the 10- and 12-digit forms, and with a changed check digit.
for _ in range(40):
    year, month, day = date()
    payload = "%02d%02d%02d%03d" % (year % 100, month, day, rng.randint(0, 999))
    ten = payload + luhn.calc_check_digit(payload)
    for value in (ten[:6] + "-" + ten[6:], "%d%s-%s" % (year // 100, ten[:6], ten[6:])):
        add("sweden_drivers_licence", value, personnummer.is_valid(value))
    bad = ten[:6] + "-" + ten[6:9] + other_character(ten[9], "0123456789")
    add("sweden_drivers_licence", bad, personnummer.is_valid(bad))
add("sweden_drivers_licence", "851332-1234", personnummer.is_valid("851332-1234"))

# Finland: henkilötunnus with each century sign, a wrong check character, and individual numbers
# outside 002-899.
CHECK = "0123456789ABCDEFHJKLMNPRSTUVWXY"
for _ in range(50):
    year, month, day = date()
    sign = rng.choice("-YXWVU") if year < 2000 else rng.choice("ABCDEF")
    individual = rng.randint(2, 899)
    digits = "%02d%02d%02d" % (day, month, year % 100)
    good = digits + sign + "%03d" % individual + CHECK[int(digits + "%03d" % individual) % 31]
    add("finland_drivers_licence", good, hetu.is_valid(good))
    bad = good[:-1] + other_character(good[-1], CHECK)
    add("finland_drivers_licence", bad, hetu.is_valid(bad))
for individual in (0, 1, 900, 950):
    digits = "150385"
    value = digits + "-" + "%03d" % individual + CHECK[int(digits + "%03d" % individual) % 31]
    add("finland_drivers_licence", value, hetu.is_valid(value))

# Argentina SUBE: 6061 numbers with and without a valid Luhn digit.
for _ in range(30):
    payload = "6061" + "".join(rng.choice("0123456789") for _ in range(11))
    good = payload + luhn.calc_check_digit(payload)
    add("argentina_sube", good, luhn.is_valid(good))
    bad = payload + other_character(good[-1], "0123456789")
    add("argentina_sube", bad, luhn.is_valid(bad))

for vector in vectors:
    print(json.dumps(vector, ensure_ascii=False))
