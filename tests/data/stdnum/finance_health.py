"""Known-answer vectors for piiscan's financial and health validators, made with python-stdnum.

    pip install python-stdnum
    python3 tests/data/stdnum/finance_health.py > tests/data/stdnum/finance_health.jsonl

Each line is {"validator": <piiscan validator>, "value": ..., "valid": <python-stdnum's verdict>}.
Values are random (seeded, so the output is reproducible): valid ones are built with the check
digits stdnum computes, invalid ones are valid ones with one character changed or two swapped,
which stdnum then judges again. Health validators are checked where stdnum knows the algorithm
(NPI's prefixed Luhn, BC's PHN, the SSN inside a HICN, GS1 UDIs). Where a piiscan validator is stricter than stdnum's module (ABA
prefixes, the IBAN registry's national checks), values are drawn from the part of the domain
where both define the same rule, and the comment says so.
"""

import json
import random
import string

from stdnum import ean, gs1_128, iban, luhn
from stdnum.ca import bc_phn
from stdnum.es import ccc
from stdnum.us import rtn, ssn

rng = random.Random(0x5EED_F1A4)
out = []


def emit(validator, value, valid):
    out.append({"validator": validator, "value": value, "valid": bool(valid)})


def digits(n):
    return "".join(rng.choice(string.digits) for _ in range(n))


def mutate(value):
    """One digit changed, or two neighbouring digits swapped."""
    chars = list(value)
    positions = [i for i, c in enumerate(chars) if c.isdigit()]
    if rng.random() < 0.7 or len(positions) < 2:
        i = rng.choice(positions)
        chars[i] = rng.choice([d for d in string.digits if d != chars[i]])
    else:
        k = rng.randrange(len(positions) - 1)
        i, j = positions[k], positions[k + 1]
        chars[i], chars[j] = chars[j], chars[i]
    return "".join(chars)


def pair(validator, valid_value, verdict):
    """A valid value and a near miss of it, each with stdnum's verdict."""
    emit(validator, valid_value, verdict(valid_value))
    bad = mutate(valid_value)
    emit(validator, bad, verdict(bad))


# luhn: any length 2-19.
for _ in range(40):
    body = digits(rng.randint(1, 18))
    pair("luhn", body + luhn.calc_check_digit(body), luhn.is_valid)

# aba_routing: stdnum checks the 3-7-1 sum; piiscan also wants a Federal Reserve prefix, which
# stdnum does not know, so every value carries one (near misses that lose it are left out).
prefixes = [f"{p:02d}" for p in list(range(0, 13)) + list(range(21, 33)) + list(range(61, 73)) + [80]]
for _ in range(40):
    body = rng.choice(prefixes) + digits(6)
    check = str((10 - sum(int(d) * w for d, w in zip(body, [3, 7, 1] * 3)) % 10) % 10)
    value = body + check
    emit("aba_routing", value, rtn.is_valid(value))
    bad = mutate(value)
    if bad[:2] in prefixes:
        emit("aba_routing", bad, rtn.is_valid(bad))


def iban_verdict(value):
    # The registry's national checks (BE, ES, ME, NO modules) are left out, as Macie's mod-97 check
    # and piiscan's iban validator do not apply them.
    try:
        iban.validate(value, check_country=False)
        return True
    except Exception:
        return False


def bban_for(structure):
    text = ""
    for count, kind in structure:
        alphabet = {"n": string.digits, "a": string.ascii_uppercase, "c": string.digits + string.ascii_uppercase}[kind]
        text += "".join(rng.choice(alphabet) for _ in range(count))
    return text


IBAN_STRUCTURES = {
    "DE": [(8, "n"), (10, "n")],
    "GB": [(4, "a"), (6, "n"), (8, "n")],
    "FR": [(5, "n"), (5, "n"), (11, "c"), (2, "n")],
    "IT": [(1, "a"), (5, "n"), (5, "n"), (12, "c")],
    "NL": [(4, "a"), (10, "n")],
    "CH": [(5, "n"), (12, "c")],
    "PL": [(8, "n"), (16, "n")],
    "PT": [(4, "n"), (4, "n"), (11, "n"), (2, "n")],
    "SE": [(3, "n"), (16, "n"), (1, "n")],
    "MT": [(4, "a"), (5, "n"), (18, "c")],
    "BR": [(8, "n"), (5, "n"), (10, "n"), (1, "a"), (1, "c")],
    "AE": [(3, "n"), (16, "n")],
    "FO": [(4, "n"), (9, "n"), (1, "n")],
    "XK": [(4, "n"), (10, "n"), (2, "n")],
}
for _ in range(60):
    country = rng.choice(sorted(IBAN_STRUCTURES))
    bban = bban_for(IBAN_STRUCTURES[country])
    check = iban.calc_check_digits(country + "00" + bban)
    value = country + check + bban
    if check in ("00", "01", "99"):
        continue
    emit("iban", value, iban_verdict(value))
    bad = mutate(value)
    if bad[2:4] not in ("00", "01", "99"):
        emit("iban", bad, iban_verdict(bad))

# es_bban: the CCC (entity, office, two check digits, account), as stdnum.es.ccc.
for _ in range(40):
    head, account = digits(8), str(rng.randint(1, 9)) + digits(9)
    value = head + ccc.calc_check_digits(head + "00" + account) + account
    pair("es_bban", value, ccc.is_valid)

# us_npi: stdnum has no NPI module; the NPI check is Luhn over 80840 + the ten digits, which
# stdnum.luhn judges. NPIs start with 1 or 2 (a CMS rule stdnum does not know), so near misses that
# lose it are left out.
for _ in range(40):
    body = rng.choice("12") + digits(8)
    value = body + luhn.calc_check_digit("80840" + body)
    emit("us_npi", value, luhn.is_valid("80840" + value))
    bad = mutate(value)
    if bad[0] in "12":
        emit("us_npi", bad, luhn.is_valid("80840" + bad))

# canada_health_number: British Columbia PHNs as stdnum.ca.bc_phn judges them. The validator also
# takes Ontario numbers (Luhn), so near misses that happen to pass Luhn are left out; Ontario
# numbers themselves are checked with stdnum.luhn, leaving out any that BC's rule would accept.
for _ in range(30):
    body = "9" + digits(8)
    check = bc_phn.calc_check_digit(body[1:])
    if check == "10":
        continue
    value = body + check
    emit("canada_health_number", value, bc_phn.is_valid(value))
    bad = mutate(value)
    if not luhn.is_valid(bad):
        emit("canada_health_number", bad, bc_phn.is_valid(bad))
for _ in range(30):
    body = str(rng.randint(1, 8)) + digits(8)
    value = body + luhn.calc_check_digit(body)
    emit("canada_health_number", value, luhn.is_valid(value))
    bad = mutate(value)
    if not bc_phn.is_valid(bad) and len(set(bad)) > 1:
        emit("canada_health_number", bad, luhn.is_valid(bad))

# us_hicn: the nine digits follow the SSN's structure (stdnum.us.ssn: area not 000, 666 or 9xx,
# group not 00, serial not 0000) and carry a Beneficiary Identification Code, here always A or B1.
for area in ["000", "666", "900", "987", "123", "665", "899", "001"]:
    for group, serial in [("00", "1234"), ("45", "0000"), ("45", "6789")]:
        number = f"{area}-{group}-{serial}"
        if number in ("078-05-1120", "457-55-5462", "219-09-9999"):
            continue
        emit("us_hicn", number + "A", ssn.is_valid(number))
for _ in range(30):
    number = f"{rng.randint(1, 899):03d}{rng.randint(0, 99):02d}{rng.randint(0, 9999):04d}"
    if number in ("078051120", "457555462", "219099999"):
        continue
    emit("us_hicn", number + rng.choice(["A", "B1"]), ssn.is_valid(number))

# medical_device_udi: GS1 UDIs as stdnum.gs1_128 reads them in the human-readable form: a GTIN-14
# (stdnum.ean's check digit), and, for some, an expiry date and a lot. Dates keep day 01-28, where
# GS1's calendar rule and the validator's month-and-day check agree.
for _ in range(40):
    body = rng.choice("01") + digits(12)
    gtin = body + ean.calc_check_digit(body)
    value = "(01)" + gtin
    if rng.random() < 0.5:
        value += f"(17){rng.randint(25, 31):02d}{rng.randint(1, 12):02d}{rng.randint(1, 28):02d}"
        value += "(10)" + "".join(rng.choice(string.ascii_uppercase + string.digits) for _ in range(6))
    emit("medical_device_udi", value, gs1_128.is_valid(value))
    bad = "(01)" + mutate(gtin) + value[18:]
    emit("medical_device_udi", bad, gs1_128.is_valid(bad))

for line in out:
    print(json.dumps(line, ensure_ascii=False))
