"""Known-answer vectors for piiscan's financial and health validators, made with python-stdnum.

    pip install python-stdnum
    python3 tests/data/stdnum/finance_health.py > tests/data/stdnum/finance_health.jsonl

Each line is {"validator": <piiscan validator>, "value": ..., "valid": <python-stdnum's verdict>}.
Values are random (seeded, so the output is reproducible): valid ones are built with the check
digits stdnum computes, invalid ones are valid ones with one character changed or two swapped,
which stdnum then judges again. Where a piiscan validator is stricter than stdnum's module (ABA
prefixes, the IBAN registry's national checks), values are drawn from the part of the domain
where both define the same rule, and the comment says so.
"""

import json
import random
import string

from stdnum import iban, luhn
from stdnum.es import ccc
from stdnum.us import rtn

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

for line in out:
    print(json.dumps(line, ensure_ascii=False))
