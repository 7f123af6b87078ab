#!/usr/bin/env python3
"""Known-answer vectors for piiscan's national-id validators, made with python-stdnum.

    pip install python-stdnum        # vectors committed were made with python-stdnum 2.2
    python3 tests/data/stdnum/national_ids.py > tests/data/stdnum/national_ids.jsonl

For each validator: valid numbers (a random payload and the check digits python-stdnum computes, in
the compact form and in python-stdnum's printed form), then near misses made from them (one digit
changed, two neighbours swapped, the check character replaced, a digit dropped), each with python-stdnum's own verdict
from `is_valid`. The unit test `validators_agree_with_python_stdnum_vectors` (src/detect/validate/
mod.rs) fails on any line where the Rust validator disagrees.

Where our validator deliberately differs from python-stdnum, the values concerned are left out
(`skip` below says which and why). They are all cases where python-stdnum accepts a number that we
reject for a structural reason it does not check: all-zero and one-digit filler numbers (Macie never
reports them), a CUIT prefix that belongs to the other Argentine detector, a NIT body of the other
Colombian detector, INSEE sex and month codes, a first digit 0 in a DNI, dots that are not at the thousands. For the China
resident id python-stdnum also checks the six-digit county code against its table of 6,000 counties;
we check the province only, so values it rejects for the county alone are left out. Swedish short
forms (YYMMDD) dated 29 February are left out because their century depends on today's date.

Output is deterministic: the random generator is seeded.
"""

import json
import random
import string
import sys

import stdnum
from stdnum import luhn
from stdnum.ar import cuit, dni as ar_dni
from stdnum.au import tfn
from stdnum.br import cnpj, cpf
from stdnum.ca import sin
from stdnum.cl import rut
from stdnum.cn import ric
from stdnum.co import nit
from stdnum.de import idnr
from stdnum.es import cif, dni as es_dni, nie, nif as es_nif
from stdnum.fr import nif as fr_nif, nir
from stdnum.gb import utr
from stdnum.in_ import aadhaar, pan
from stdnum.iso7064 import mod_11_10
from stdnum.it import codicefiscale
from stdnum.jp import in_ as my_number
from stdnum.kr import rrn
from stdnum.mx import curp, rfc
from stdnum.nl import bsn
from stdnum.pl import pesel
from stdnum.se import personnummer
from stdnum.us import itin, ssn
from stdnum import verhoeff

rng = random.Random(0x6E61_7469_6F6E_616C)
VALID_PER_VALIDATOR = 40
UPPER = string.ascii_uppercase


def digits(n):
    return ''.join(rng.choice(string.digits) for _ in range(n))


def letters(n, alphabet=UPPER):
    return ''.join(rng.choice(alphabet) for _ in range(n))


def date_parts(first=1930, last=2015):
    year = rng.randint(first, last)
    month = rng.randint(1, 12)
    day = rng.randint(1, 28)
    return year, month, day


def all_same(text):
    only = [c for c in text if c.isalnum()]
    return len(set(only)) <= 1


def filler(numbers):
    pairs = list(zip(numbers, numbers[1:]))
    ascending = all((int(a) + 1) % 10 == int(b) for a, b in pairs)
    descending = all((int(b) + 1) % 10 == int(a) for a, b in pairs)
    return all_same(numbers) or ascending or descending


# --- generators of valid numbers: each returns the forms our detector matches -------------------

def gen_cuit(prefixes):
    def make():
        body = rng.choice(prefixes) + digits(8)
        number = body + cuit.calc_check_digit(body)
        return [number, cuit.format(number)]
    return make


def gen_ar_dni():
    number = str(rng.randint(1_000_000, 49_999_999))
    return [number, ar_dni.format(number)]


def gen_tfn():
    while True:
        number = digits(rng.choice((8, 9, 9, 9)))
        if tfn.is_valid(number):
            return [number, tfn.format(number)]


def gen_cpf():
    body = digits(9)
    number = body + cpf._calc_check_digits(body)
    return [number, cpf.format(number)]


def gen_cnpj():
    if rng.random() < 0.25:
        body = ''.join(rng.choice(string.digits + UPPER) for _ in range(12))
    else:
        body = digits(8) + '0001'
    number = body + cnpj.calc_check_digits(body)
    return [number, cnpj.format(number)]


def gen_rut():
    body = str(rng.randint(1_000_000, 29_999_999))
    number = body + rut.calc_check_digit(body)
    return [number[:-1] + '-' + number[-1], rut.format(number)]


def gen_nit(organization):
    def make():
        if organization:
            body = rng.choice('89') + digits(8)
        else:
            body = rng.choice((str(rng.randint(10_000_000, 99_999_999)), '10' + digits(8)))
        number = body + nit.calc_check_digit(body)
        return [number[:-1] + '-' + number[-1], nit.format(number)]
    return make


def gen_nir():
    sex = rng.choice('12')
    year, month, _ = date_parts()
    department = rng.choice(['75', '69', '13', '2A', '2B', '59', '33', '99'])
    body = sex + '%02d%02d' % (year % 100, month) + department + digits(6)
    number = body + nir.calc_check_digits(body + '00')
    return [number, nir.format(number)]


def gen_fr_tax():
    body = rng.choice('0123') + digits(9)
    number = body + fr_nif.calc_check_digits(body)
    return [number, fr_nif.format(number)]


def gen_idnr():
    pool = list(string.digits)
    rng.shuffle(pool)
    body = pool[:9]
    body.insert(rng.randrange(1, 10), rng.choice(body))
    if body[0] == '0':
        body[0], body[5] = body[5], body[0]
    body = ''.join(body)
    number = body + mod_11_10.calc_check_digit(body)
    return [number, idnr.format(number)]


def gen_pan():
    number = letters(3) + rng.choice('ABCFGHLJPTK') + letters(1) + '%04d' % rng.randint(1, 9999) + letters(1)
    return [number]


def gen_aadhaar():
    body = rng.choice('23456789') + digits(10)
    number = body + verhoeff.calc_check_digit(body)
    return [number, aadhaar.format(number)]


CF_MONTHS = 'ABCDEHLMPRST'


def gen_codice_fiscale():
    year, month, day = date_parts(1925, 2015)
    if rng.random() < 0.5:
        day += 40
    body = letters(6) + '%02d' % (year % 100) + CF_MONTHS[month - 1] + '%02d' % day + letters(1) + digits(3)
    if rng.random() < 0.2:
        # Omocodia: a digit replaced by its letter (LMNPQRSTUV for 0-9), from the right.
        position = rng.choice([14, 13, 12])
        body = body[:position] + 'LMNPQRSTUV'[int(body[position])] + body[position + 1:]
    return [body + codicefiscale.calc_check_digit(body)]


def gen_my_number():
    body = digits(11)
    number = body + my_number.calc_check_digit(body)
    return [number, my_number.format(number)]


def gen_rrn():
    year, month, day = date_parts(1930, 2019)
    sex = rng.choice('12') if year < 2000 else rng.choice('34')
    body = '%02d%02d%02d' % (year % 100, month, day) + sex + '%02d' % rng.randint(0, 96) + digits(3)
    number = body + rrn.calc_check_digit(body)
    return [number, rrn.format(number)]


CURP_STATES = sorted(curp._valid_states)


def gen_curp():
    while True:
        head = letters(4)
        if head not in curp._name_blacklist:
            break
    year, month, day = date_parts(1930, 2015)
    tail = rng.choice(string.digits) if year < 2000 else rng.choice(UPPER)
    body = (head + '%02d%02d%02d' % (year % 100, month, day) + rng.choice('HM') + rng.choice(CURP_STATES)
            + letters(3, 'BCDFGHJKLMNPQRSTVWXYZ') + tail)
    return [body + curp.calc_check_digit(body)]


def gen_rfc(initials):
    def make():
        while True:
            head = letters(initials, UPPER + '&' if initials == 3 else UPPER)
            if head not in rfc._name_blacklist:
                break
        year, month, day = date_parts(1930, 2020)
        body = (head + '%02d%02d%02d' % (year % 100, month, day) + rng.choice('123456789ABCDEFGHIJKLMNOPQRSTUV')
                + rng.choice('123456789' + UPPER))
        return [body + rfc.calc_check_digit(body)]
    return make


def gen_bsn():
    while True:
        number = rng.choice('123456789') + digits(8)
        if bsn.is_valid(number):
            return [number, bsn.format(number)]


def gen_pesel():
    year, month, day = date_parts(1930, 2020)
    coded_month = month + (20 if year >= 2000 else 0)
    body = '%02d%02d%02d' % (year % 100, coded_month, day) + digits(4)
    return [body + pesel.calc_check_digit(body)]


def gen_personnummer():
    year, month, day = date_parts(1930, 2015)
    body = '%02d%02d%02d' % (year % 100, month, day) + digits(3)
    number = body + luhn.calc_check_digit(body)
    return [number[:6] + '-' + number[6:], '%d' % (year // 100) + number, number]


def gen_dni():
    body = '%08d' % rng.randint(1, 99_999_999)
    return [body + es_dni.calc_check_digit(body)]


def gen_nie():
    body = rng.choice('XYZ') + digits(7)
    return [body + nie.calc_check_digit(body)]


def gen_nif():
    kind = rng.random()
    if kind < 0.5:
        return gen_dni()
    if kind < 0.75:
        return gen_nie()
    body = digits(7)
    return [rng.choice('KLM') + body + es_dni.calc_check_digit(body)]


def gen_cif():
    body = rng.choice('ABCDEFGHJNPQRSUVW') + digits(7)
    return [body + rng.choice(cif.calc_check_digits(body))]


def gen_utr():
    body = digits(9)
    return [utr.calc_check_digit(body) + body]


def china_regions():
    """Six-digit region codes python-stdnum's table knows without a date range."""
    codes = []
    province = None
    path = stdnum.__path__[0] + '/cn/loc.dat'
    with open(path, encoding='utf-8') as data:
        for line in data:
            if line.startswith('#') or not line.strip():
                continue
            if not line.startswith(' '):
                province = line.split()[0]
            elif '[' not in line and not line.split()[0].endswith('00'):
                codes.append(province + line.split()[0])
    return codes


REGIONS = china_regions()


def gen_china():
    year, month, day = date_parts(1940, 2015)
    body = rng.choice(REGIONS) + '%04d%02d%02d' % (year, month, day) + digits(3)
    return [body + ric.calc_check_digit(body + 'X')]


def gen_ssn():
    while True:
        number = '%03d-%02d-%04d' % (rng.randint(1, 899), rng.randint(1, 99), rng.randint(1, 9999))
        if ssn.is_valid(number):
            return [number, number.replace('-', '')]


def gen_itin():
    group = rng.choice([g for g in range(70, 100) if g not in (89, 93)])
    number = '9%02d-%02d-%04d' % (rng.randint(0, 99), group, rng.randint(0, 9999))
    return [number, number.replace('-', '')]


def gen_sin():
    while True:
        number = rng.choice('1234567') + digits(8)
        if sin.is_valid(number):
            return [number, sin.format(number)]


# --- how python-stdnum judges, and what we leave out ------------------------------------------

def compact_alnum(value):
    return ''.join(c for c in value if c.isalnum())


def cuit_skip(prefixes):
    def skip(value):
        number = compact_alnum(value)
        return number[:2] not in prefixes or all_same(number[2:10])
    return skip


def nit_skip(organization):
    def skip(value):
        body = compact_alnum(value)[:-1]
        is_organization = len(body) == 9 and body[0] in '89'
        if organization:
            return not is_organization or all_same(body)
        return is_organization or len(body) > 10 or all_same(body)
    return skip


def nir_skip(value):
    number = compact_alnum(value)
    month = int(number[3:5]) if number[3:5].isdigit() else -1
    month_ok = 1 <= month <= 12 or 20 <= month <= 42 or 50 <= month <= 99
    return number[:1] not in '123478' or not month_ok


def china_skip(value):
    """Values python-stdnum judges by its county table alone."""
    number = compact_alnum(value).upper()
    try:
        ric.get_birth_date(number)
    except Exception:
        return False
    if len(number) != 18 or not number[:17].isdigit():
        return False
    check_ok = number[-1] == ric.calc_check_digit(number)
    province_ok = int(number[:2]) in set(
        list(range(11, 16)) + list(range(21, 24)) + list(range(31, 38)) + list(range(41, 47))
        + list(range(50, 55)) + list(range(61, 66)) + [71, 81, 82, 83, 91])
    county_ok = ric.is_valid(number)
    return check_ok and province_ok and not county_ok


def personnummer_skip(value):
    number = compact_alnum(value)
    return len(number) == 10 and number[2:6] == '0229'


def first_digit_zero_filler_or_odd_dots(value):
    number = compact_alnum(value)
    groups = value.split('.')
    # Dots go at the thousands (12.345.678); python-stdnum drops dots wherever they are.
    odd_dots = len(groups) > 1 and (not 1 <= len(groups[0]) <= 3 or any(len(g) != 3 for g in groups[1:]))
    return number[:1] == '0' or filler(number) or odd_dots


def itin_skip(value):
    number = compact_alnum(value)
    # The IRS added groups 50-65 and 83-88 in 2011-2012; python-stdnum still knows only 70-99.
    return 50 <= int(number[3:5]) <= 65 if number[3:5].isdigit() else False


def rfc_valid(value):
    return rfc.is_valid(value, validate_check_digits=True)


def length_is(n):
    return lambda value: len(compact_alnum(value)) != n


def no_skip(_value):
    return False


def either(*skips):
    return lambda value: any(skip(value) for skip in skips)


# validator name -> (valid-number generator, python-stdnum's verdict, values to leave out)
VALIDATORS = {
    'aadhaar': (gen_aadhaar, aadhaar.is_valid, no_skip),
    'argentina_cuil': (gen_cuit(['20', '23', '24', '27']), cuit.is_valid, cuit_skip({'20', '23', '24', '27'})),
    'argentina_cuit': (gen_cuit(['30', '33', '34']), cuit.is_valid, cuit_skip({'30', '33', '34', '50', '51', '55'})),
    'argentina_dni': (gen_ar_dni, ar_dni.is_valid, first_digit_zero_filler_or_odd_dots),
    'australia_tfn': (gen_tfn, tfn.is_valid, lambda v: all_same(v)),
    'brazil_cnpj': (gen_cnpj, cnpj.is_valid, lambda v: all_same(v)),
    'brazil_cpf': (gen_cpf, cpf.is_valid, lambda v: all_same(v)),
    'canada_sin': (gen_sin, sin.is_valid, no_skip),
    'chile_rut': (gen_rut, rut.is_valid, lambda v: set(compact_alnum(v)[:-1]) == {'0'}),
    'china_resident_id': (gen_china, ric.is_valid, china_skip),
    'colombia_nit_individual': (gen_nit(False), nit.is_valid, nit_skip(False)),
    'colombia_nit_organization': (gen_nit(True), nit.is_valid, nit_skip(True)),
    'france_nir': (gen_nir, nir.is_valid, nir_skip),
    'france_tax_id': (gen_fr_tax, fr_nif.is_valid, lambda v: all_same(compact_alnum(v)[:10])),
    'germany_tax_id': (gen_idnr, idnr.is_valid, no_skip),
    'india_pan': (gen_pan, pan.is_valid, no_skip),
    'italy_codice_fiscale': (gen_codice_fiscale, codicefiscale.is_valid, length_is(16)),
    'japan_my_number': (gen_my_number, my_number.is_valid, lambda v: all_same(v)),
    'korea_rrn': (gen_rrn, rrn.is_valid, no_skip),
    'mexico_curp': (gen_curp, curp.is_valid, no_skip),
    'mexico_rfc_individual': (gen_rfc(4), rfc_valid, length_is(13)),
    'mexico_rfc_organization': (gen_rfc(3), rfc_valid, length_is(12)),
    'netherlands_bsn': (gen_bsn, bsn.is_valid, either(length_is(9), lambda v: all_same(v))),
    'poland_pesel': (gen_pesel, pesel.is_valid, no_skip),
    'spain_cif': (gen_cif, cif.is_valid, lambda v: set(compact_alnum(v)[1:8]) == {'0'}),
    'spain_dni': (gen_dni, es_dni.is_valid, lambda v: set(compact_alnum(v)[:8]) == {'0'}),
    'spain_nie': (gen_nie, nie.is_valid, no_skip),
    # NIF also covers CIFs in python-stdnum; our SPAIN_NIF_NUMBER is a person's, CIFs have their own.
    'spain_nif': (gen_nif, es_nif.is_valid,
                  lambda v: compact_alnum(v)[:1] in set('ABCDEFGHJNPQRSUVW') or set(compact_alnum(v)[1:8]) == {'0'}),
    'sweden_personnummer': (gen_personnummer, personnummer.is_valid, personnummer_skip),
    'uk_utr': (gen_utr, utr.is_valid, lambda v: all_same(v)),
    'us_itin': (gen_itin, itin.is_valid, itin_skip),
    'us_ssn': (gen_ssn, ssn.is_valid, no_skip),
}


# --- near misses ---------------------------------------------------------------------------------

def change_one(value):
    positions = [i for i, c in enumerate(value) if c.isdigit()]
    if not positions:
        return None
    i = rng.choice(positions)
    return value[:i] + rng.choice([d for d in string.digits if d != value[i]]) + value[i + 1:]


def transpose(value):
    pairs = [i for i in range(len(value) - 1)
             if value[i].isalnum() and value[i + 1].isalnum() and value[i] != value[i + 1]]
    if not pairs:
        return None
    i = rng.choice(pairs)
    return value[:i] + value[i + 1] + value[i] + value[i + 2:]


def drop_one(value):
    positions = [i for i, c in enumerate(value) if c.isdigit()]
    if not positions:
        return None
    i = rng.choice(positions)
    return value[:i] + value[i + 1:]


def wrong_check(value):
    last = value[-1]
    alphabet = string.digits if last.isdigit() else UPPER
    return value[:-1] + rng.choice([c for c in alphabet if c != last])


def main():
    out = sys.stdout
    for name, (generate, is_valid, skip) in VALIDATORS.items():
        seen = set()

        def emit(value):
            if value is None or value in seen or skip(value):
                return
            seen.add(value)
            out.write(json.dumps({'validator': name, 'value': value, 'valid': bool(is_valid(value))},
                                 ensure_ascii=False) + '\n')

        valid = []
        while len(valid) < VALID_PER_VALIDATOR:
            forms = generate()
            if all(is_valid(form) for form in forms) and not any(skip(form) for form in forms):
                valid.extend(forms)
        for value in valid:
            emit(value)
        for value in valid:
            emit(change_one(value))
            emit(transpose(value))
            emit(wrong_check(value))
            emit(drop_one(value))


if __name__ == '__main__':
    main()
