"""Who the demo's customers are: Brazilian company names, addresses and valid CNPJs.

Plain data and functions shared by the story (``generator``) and its copies (``scale``), so
that neither imports the other for them.
"""


def cnpj_check_digits(base12):
    """Return the two check digits of a CNPJ whose first 12 digits are ``base12`` (a str)."""
    digits = [int(char) for char in base12]
    if len(digits) != 12:
        raise ValueError("a CNPJ base has 12 digits")
    for weights in ((5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2), (6, 5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2)):
        remainder = sum(d * w for d, w in zip(digits, weights, strict=True)) % 11
        digits.append(0 if remainder < 2 else 11 - remainder)
    return f"{digits[12]}{digits[13]}"


def format_cnpj(digits14):
    d = digits14
    return f"{d[:2]}.{d[2:5]}.{d[5:8]}/{d[8:12]}-{d[12:]}"


def is_valid_cnpj(cnpj):
    digits = "".join(char for char in cnpj if char.isdigit())
    return len(digits) == 14 and len(set(digits)) > 1 and cnpj_check_digits(digits[:12]) == digits[12:]


def random_cnpj(rng, branch=1):
    base = f"{rng.randrange(1, 10**8):08d}{branch:04d}"
    return format_cnpj(base + cnpj_check_digits(base))


CITIES = [
    ("São Paulo", "SP", "11", "01000"),
    ("Campinas", "SP", "19", "13000"),
    ("Santos", "SP", "13", "11000"),
    ("Ribeirão Preto", "SP", "16", "14000"),
    ("Rio de Janeiro", "RJ", "21", "20000"),
    ("Niterói", "RJ", "21", "24000"),
    ("Belo Horizonte", "MG", "31", "30000"),
    ("Uberlândia", "MG", "34", "38400"),
    ("Curitiba", "PR", "41", "80000"),
    ("Londrina", "PR", "43", "86000"),
    ("Porto Alegre", "RS", "51", "90000"),
    ("Caxias do Sul", "RS", "54", "95000"),
    ("Florianópolis", "SC", "48", "88000"),
    ("Joinville", "SC", "47", "89200"),
    ("Salvador", "BA", "71", "40000"),
    ("Recife", "PE", "81", "50000"),
    ("Fortaleza", "CE", "85", "60000"),
    ("Goiânia", "GO", "62", "74000"),
    ("Brasília", "DF", "61", "70000"),
    ("Manaus", "AM", "92", "69000"),
]
STREETS = ["Rua das Flores", "Avenida Brasil", "Rua XV de Novembro", "Rua Sete de Setembro",
           "Avenida Getúlio Vargas", "Rua Tiradentes", "Rua Dom Pedro II", "Avenida Rio Branco",
           "Rua Santos Dumont", "Rua Marechal Deodoro"]  # fmt: skip
NAME_TRADES = ["Confecções", "Uniformes", "Malharia", "Comércio de Tecidos", "Ateliê", "Distribuidora",
               "Clínica", "Escola", "Hotel", "Restaurante", "Indústria Têxtil", "Bordados",
               "Moda", "Supermercado", "Academia"]  # fmt: skip
NAME_CORES = ["Silva", "Horizonte", "Ipiranga", "Primavera", "Santa Luzia", "Boa Esperança", "Vale Verde",
              "Aurora do Sul", "Três Irmãos", "Pantanal", "Atlântico", "Mantiqueira", "Cruzeiro",
              "Nova Era", "Bandeirantes", "Cerrado", "Guanabara", "Pampa", "Araucária", "Jequitibá",
              "Oliveira", "Costa", "Pereira", "Almeida", "Ferreira", "Gomes", "Martins"]  # fmt: skip
SUFFIXES = ["Ltda", "Ltda", "Ltda", "ME", "ME", "S.A.", "EIRELI"]
FIRST_NAMES = ["Ana", "Bruno", "Carla", "Daniel", "Eduarda", "Felipe", "Gabriela", "Henrique", "Isabela",
               "João", "Juliana", "Lucas", "Mariana", "Natália", "Otávio", "Patrícia", "Rafael", "Sofia",
               "Thiago", "Vanessa"]  # fmt: skip
LAST_NAMES = ["Souza", "Lima", "Mendes", "Rocha", "Alves", "Barbosa", "Carvalho", "Dias", "Fernandes",
              "Nascimento", "Ribeiro", "Teixeira", "Moreira", "Cardoso", "Araújo"]  # fmt: skip
FUNCTIONS = ["Compras", "Financeiro", "Gerente", "Diretor(a)", "Produção", "Contas a Pagar"]


def customer_name(rng, used, places=()):
    """A company name not in ``used``; ``places`` (city names) widen the choice for thousands."""
    while True:
        place = f" {rng.choice(places)}" if places else ""
        name = f"{rng.choice(NAME_TRADES)} {rng.choice(NAME_CORES)}{place} {rng.choice(SUFFIXES)}"
        if name not in used:
            used.add(name)
            return name
