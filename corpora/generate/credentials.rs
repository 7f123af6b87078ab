//! Labelled corpus files for the catalogue's credential detectors (cloud and SaaS tokens, connection
//! strings, generic secrets). Files go under `core/credentials/`; every id in `DETECTORS` needs at
//! least `MIN_PLANTED` planted values.
//!
//! Most provider tokens are a fixed prefix and random characters, so they are described by `SHAPES`:
//! a template (`{h32}` is 32 lowercase hex, see `fill`), the environment variable they usually live
//! in (which carries the provider's keyword for keyword-driven detectors) and the check the
//! detector's validator applies. The rest (connection strings, macaroons, Bech32 keys, service
//! account documents) have their own line builders in `special_line`. Every planted line is followed
//! by a filler line of 40 characters, so no keyword reaches a neighbour's value.
//!
//! The generic detectors (`PASSWORD_ASSIGNMENT`, `SECRET_ASSIGNMENT`) also fire on provider tokens
//! assigned to keys such as `*_API_KEY` or `*_PASSWORD`: `generic_for` re-implements their key and
//! value rules, and such values are planted for both detectors.

use super::{Doc, Fake, MIN_PLANTED, plant, plant_each};

const BASE62: &[u8] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

/// Characters of one template class (see `fill`).
fn class(c: char) -> &'static [u8] {
    match c {
        'h' => b"0123456789abcdef",
        'H' => b"0123456789ABCDEF",
        'a' => BASE62,
        'l' => b"0123456789abcdefghijklmnopqrstuvwxyz",
        'L' => b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz",
        'U' => b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ",
        'u' => b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz_-",
        'b' => b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz+/",
        'd' => b"0123456789",
        'z' => b"abcdefghijklmnopqrstuvwxyz",
        'A' => b"ABCDEFGHIJKLMNOPQRSTUVWXYZ",
        'q' => b"abcdefghijklmnopqrstuvwxyz234567",
        other => panic!("unknown template class {other}"),
    }
}

/// Expands a template: `{X<n>}` is n random characters of class X, ending in a letter or digit so no
/// boundary rule makes a value flaky; `{uuid}` is a random UUID; with `filler`, every random
/// character is that character instead (placeholder decoys).
fn fill(f: &mut Fake, template: &str, filler: Option<char>) -> String {
    let mut out = String::new();
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let close = open + rest[open..].find('}').expect("templates close their braces");
        let spec = &rest[open + 1..close];
        if spec == "uuid" {
            match filler {
                Some(c) => out.push_str(&format!("{0}{0}{0}{0}{0}{0}{0}{0}-{0}{0}{0}{0}-{0}{0}{0}{0}-{0}{0}{0}{0}-{0}{0}{0}{0}{0}{0}{0}{0}{0}{0}{0}{0}", c)),
                None => out.push_str(&f.uuid()),
            }
        } else {
            let mut chars = spec.chars();
            let alphabet = class(chars.next().expect("a class letter"));
            let n: usize = chars.as_str().parse().expect("a class length");
            match filler {
                Some(c) => out.extend(std::iter::repeat_n(c, n)),
                None => {
                    out.push_str(&f.chars_from(alphabet, n - 1));
                    let tail: Vec<u8> = alphabet.iter().copied().filter(u8::is_ascii_alphanumeric).collect();
                    out.push_str(&f.chars_from(&tail, 1));
                }
            }
        }
        rest = &rest[close + 1..];
    }
    out.push_str(rest);
    out
}

fn entropy(value: &str) -> f64 {
    let mut counts = [0u32; 256];
    for b in value.bytes() {
        counts[usize::from(b)] += 1;
    }
    let len = value.len() as f64;
    counts
        .iter()
        .filter(|&&c| c > 0)
        .map(|&c| {
            let p = f64::from(c) / len;
            -p * p.log2()
        })
        .sum()
}

fn has(value: &str, f: fn(&u8) -> bool) -> bool {
    value.bytes().any(|b| f(&b))
}

/// The generator's own copy of the validators' rules (it must not call the crate).
fn shape_ok(check: &str, value: &str) -> bool {
    let entropic = value.len() >= 8 && entropy(value) >= 3.0;
    match check {
        "token_shape" => {
            entropic
                && has(value, u8::is_ascii_alphabetic)
                && (has(value, u8::is_ascii_digit)
                    || (has(value, u8::is_ascii_uppercase) && has(value, u8::is_ascii_lowercase)))
        }
        "hex_token" => {
            entropic
                && has(value, u8::is_ascii_digit)
                && value.bytes().any(|b| matches!(b.to_ascii_lowercase(), b'a'..=b'f'))
        }
        _ => entropic,
    }
}

const PLACEHOLDER_WORDS: &[&str] = &[
    "password",
    "passwd",
    "changeme",
    "change_me",
    "example",
    "xxxx",
    "****",
    "....",
    "your",
    "placeholder",
    "redacted",
    "dummy",
    "secret",
    "sample",
    "token",
    "environ",
    "getenv",
    "env.",
    "env[",
    "config.",
    "settings.",
    "foobar",
    "qwerty",
    "letmein",
    "123456",
    "abcdef",
    "replace",
    "insert",
    "undefined",
];

fn placeholder(value: &str) -> bool {
    let lower = value.to_ascii_lowercase();
    PLACEHOLDER_WORDS.iter().any(|w| lower.contains(w))
}

fn dotted(value: &str) -> bool {
    value.contains('.')
        && value.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_')
        && value
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'.')
        && value.split('.').all(|p| p.starts_with(|c: char| !c.is_ascii_digit()))
}

/// PROVIDER_PREFIXES of the generic validators: values starting with one are left to the provider.
const PROVIDER_PREFIXES: &[&str] = &[
    "1//0",
    "A3-",
    "AAAAAAAAAAAAAAAAAAAAAA",
    "ABSKQmVkcm9ja0FQSUtleS",
    "AIza",
    "AKCp",
    "AKIA",
    "AKID",
    "API-",
    "AQVN",
    "ASIA",
    "ATATT3xFfGF0",
    "ATBB",
    "ATCTT3xFfGN0",
    "CCIPAT_",
    "CCIPRJ_",
    "CFPAT-",
    "CLOJARS_",
    "EAAA",
    "EAAB",
    "EAAC",
    "EAAG",
    "EAAM",
    "EZAK",
    "EZTK",
    "FLWSECK",
    "FQoGZXIvYXdz",
    "FwoGZXIvYXdz",
    "GOCSPX-",
    "GR1348941",
    "HRKU-AA",
    "IQoJb3JpZ2luX2Vj",
    "LTAI",
    "NRAK-",
    "NRII-",
    "NRJS-",
    "PMAK-",
    "SG.",
    "access-development-",
    "access-production-",
    "access-sandbox-",
    "access_token$production$",
    "akab-",
    "amzn.mws.",
    "api_live.",
    "api_org_",
    "api_sandbox",
    "bedrock-api-key-",
    "bkua_",
    "cmVmdGtu",
    "dapi",
    "dckr_oat_",
    "dckr_pat_",
    "dnkey-",
    "doo_v1_",
    "dop_v1_",
    "dor_v1_",
    "dp.audit.",
    "dp.ct.",
    "dp.pt.",
    "dp.sa.",
    "dp.scim.",
    "dp.st.",
    "dt0c01.",
    "duffel_live_",
    "duffel_test_",
    "eyJrIjoi",
    "figd_",
    "fio-u-",
    "fm1a_",
    "fm1r_",
    "fm2_",
    "fo1_",
    "gho_",
    "ghp_",
    "ghr_",
    "ghs_",
    "ghu_",
    "github_pat_",
    "glagent-",
    "glc_eyJ",
    "glcbt-",
    "gldt-",
    "glffct-",
    "glft-",
    "glimt-",
    "gloas-",
    "glpat-",
    "glptt-",
    "glrt-",
    "glsa_",
    "glsoat-",
    "gsk_",
    "hcaik_",
    "hcxik_",
    "hf_",
    "hvb.",
    "hvs.",
    "ico-",
    "key-",
    "lin_api_",
    "lin_oauth_",
    "lsv2_pt_",
    "lsv2_sk_",
    "mlsn.",
    "nfp_",
    "npm_",
    "ntn_",
    "nvapi-",
    "ops_eyJ",
    "p8e-",
    "pat-eu1-",
    "pat-na1-",
    "pat.",
    "pcsk_",
    "pnu_",
    "pplx-",
    "pscale_oauth_",
    "pscale_pw_",
    "pscale_tkn_",
    "pul-",
    "r8_",
    "rdme_",
    "re_",
    "rk_live_",
    "rk_test_",
    "rnd_",
    "rubygems_",
    "s-s4t2af-",
    "s-s4t2ud-",
    "samsara_api_",
    "sat.",
    "sb_secret_",
    "sbp_",
    "shippo_live_",
    "shippo_test_",
    "shpat_",
    "shpca_",
    "shppa_",
    "shpss_",
    "sk-ant-admin01-",
    "sk-ant-api03-",
    "sk-or-v1-",
    "sk-proj-",
    "sk.eyJ",
    "sk_live_",
    "sk_test_",
    "sl.",
    "sm_aat_",
    "sm_pat_",
    "sm_sat_",
    "sntrys_",
    "sntryu_",
    "sq0atp-",
    "sq0csp-",
    "sqa_",
    "sqp_",
    "squ_",
    "t1.",
    "tfp_",
    "tk-us-",
    "tskey-",
    "v1.0-",
    "whsec_",
    "xai-",
    "xapp-",
    "xkeysib-",
    "xoxa-",
    "xoxb-",
    "xoxe",
    "xoxp-",
    "xoxr-",
    "xsmtpsib-",
    "ya29.",
];

/// SECRET_ASSIGNMENT's value rule.
fn generic_secret_ok(value: &str) -> bool {
    (16..=128).contains(&value.len())
        && value
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"_+/=.~-".contains(&b))
        && entropy(value) >= 3.5
        && has(value, u8::is_ascii_digit)
        && has(value, u8::is_ascii_alphabetic)
        && !placeholder(value)
        && !dotted(value)
        && !PROVIDER_PREFIXES.iter().any(|p| value.starts_with(p))
}

/// PASSWORD_ASSIGNMENT's value rule, for the values this generator makes (no quotes or templates).
fn password_ok(value: &str) -> bool {
    let lower = has(value, u8::is_ascii_lowercase);
    let upper = has(value, u8::is_ascii_uppercase);
    let digit = has(value, u8::is_ascii_digit);
    let symbol = value.bytes().any(|b| !b.is_ascii_alphanumeric());
    let classes = [lower, upper, digit, symbol].iter().filter(|&&c| c).count();
    (8..=64).contains(&value.len())
        && value
            .bytes()
            .all(|b| !b.is_ascii_whitespace() && !b"\"'`;,&".contains(&b))
        && !value.starts_with([
            '$', '%', '{', '<', '[', '(', '@', '/', '\\', '#', '&', '*', '~', '.', ':',
        ])
        && !value.contains("::")
        && !(value.contains('_')
            && value.starts_with(|c: char| c.is_ascii_alphabetic())
            && value.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_'))
        && !placeholder(value)
        && !dotted(value)
        && !PROVIDER_PREFIXES.iter().any(|p| value.starts_with(p))
        && classes >= 2
        && (digit || symbol)
        && (lower || upper)
        && entropy(value) >= 2.75
}

const PASSWORD_ASSIGNMENT: &str = "PASSWORD_ASSIGNMENT";
const SECRET_ASSIGNMENT: &str = "SECRET_ASSIGNMENT";

/// The generic detector that also reports `value` assigned to `key`, if any.
fn generic_for(key: &str, value: &str) -> Option<&'static str> {
    let key = key.to_ascii_lowercase();
    let ends = |suffixes: &[&str]| suffixes.iter().any(|s| key.ends_with(s));
    let secret_keys = [
        "secret",
        "secretkey",
        "secret_key",
        "secret-key",
        "apikey",
        "api_key",
        "api-key",
        "apisecret",
        "api_secret",
        "api-secret",
        "accesstoken",
        "access_token",
        "access-token",
        "authtoken",
        "auth_token",
        "auth-token",
    ];
    if ends(&["password", "passwd", "passphrase", "pwd"]) && password_ok(value) {
        Some(PASSWORD_ASSIGNMENT)
    } else if ends(&secret_keys) && generic_secret_ok(value) {
        Some(SECRET_ASSIGNMENT)
    } else {
        None
    }
}

/// `value` assigned to `key`, planted for the generic detector when it fires (a file written by the
/// core generator, whose keys such as `ADMIN_PASSWORD` hold plain generated secrets).
pub(crate) fn plant_if_generic(key: &str, value: &str) -> String {
    match generic_for(key, value) {
        Some(generic) => plant(generic, value),
        None => value.to_string(),
    }
}

/// Marks `value` of `detector`, and of the generic detector that its key also triggers.
fn plant_keyed(detector: &str, key: &str, value: &str) -> String {
    match generic_for(key, value) {
        Some(generic) => plant_each(&[detector, generic], value),
        None => plant(detector, value),
    }
}

/// One provider shape: detector id, template, the variable it is kept in, the validator's rule, and
/// whether the detector needs a keyword (the variable name carries it).
struct Shape {
    id: &'static str,
    template: &'static str,
    env: &'static str,
    check: &'static str,
    keyword: bool,
}

/// Template-described provider tokens.
const SHAPES: &[Shape] = &[
    Shape {
        id: "AWS_SESSION_TOKEN",
        template: "IQoJb3JpZ2luX2Vj{b380}",
        env: "AWS_SESSION_TOKEN",
        check: "high_entropy",
        keyword: false,
    },
    Shape {
        id: "AWS_BEDROCK_API_KEY",
        template: "ABSKQmVkcm9ja0FQSUtleS{b110}",
        env: "AWS_BEARER_TOKEN_BEDROCK",
        check: "high_entropy",
        keyword: false,
    },
    Shape {
        id: "AWS_MWS_AUTH_TOKEN",
        template: "amzn.mws.{uuid}",
        env: "MWS_AUTH_TOKEN",
        check: "high_entropy",
        keyword: false,
    },
    Shape {
        id: "AZURE_STORAGE_ACCOUNT_KEY",
        template: "{b86}==",
        env: "AZURE_STORAGE_KEY",
        check: "token_shape",
        keyword: true,
    },
    Shape {
        id: "AZURE_AD_CLIENT_SECRET",
        template: "{a3}{d1}Q~{a34}",
        env: "AZURE_CLIENT_SECRET",
        check: "high_entropy",
        keyword: false,
    },
    Shape {
        id: "AZURE_AD_CLIENT_SECRET_LEGACY",
        template: "{a24}{u10}{a6}",
        env: "AZURE_CLIENT_SECRET",
        check: "token_shape",
        keyword: true,
    },
    Shape {
        id: "AZURE_OPENAI_API_KEY",
        template: "{h32}",
        env: "AZURE_OPENAI_API_KEY",
        check: "hex_token",
        keyword: true,
    },
    Shape {
        id: "AZURE_DEVOPS_PAT",
        template: "{q52}",
        env: "AZURE_DEVOPS_PAT",
        check: "token_shape",
        keyword: true,
    },
    Shape {
        id: "GCP_OAUTH_CLIENT_SECRET",
        template: "GOCSPX-{u28}",
        env: "GOOGLE_CLIENT_SECRET",
        check: "high_entropy",
        keyword: false,
    },
    Shape {
        id: "GCP_OAUTH_ACCESS_TOKEN",
        template: "ya29.{u160}",
        env: "GOOGLE_ACCESS_TOKEN",
        check: "high_entropy",
        keyword: false,
    },
    Shape {
        id: "GCP_OAUTH_REFRESH_TOKEN",
        template: "1//0{u100}",
        env: "GOOGLE_REFRESH_TOKEN",
        check: "high_entropy",
        keyword: false,
    },
    Shape {
        id: "FIREBASE_CLOUD_MESSAGING_SERVER_KEY",
        template: "AAAA{u7}:APA91b{u134}",
        env: "FCM_SERVER_KEY",
        check: "high_entropy",
        keyword: false,
    },
    Shape {
        id: "DIGITALOCEAN_PAT",
        template: "dop_v1_{h64}",
        env: "DIGITALOCEAN_ACCESS_TOKEN",
        check: "high_entropy",
        keyword: false,
    },
    Shape {
        id: "DIGITALOCEAN_OAUTH_TOKEN",
        template: "doo_v1_{h64}",
        env: "DIGITALOCEAN_OAUTH_TOKEN",
        check: "high_entropy",
        keyword: false,
    },
    Shape {
        id: "DIGITALOCEAN_REFRESH_TOKEN",
        template: "dor_v1_{h64}",
        env: "DIGITALOCEAN_REFRESH_TOKEN",
        check: "high_entropy",
        keyword: false,
    },
    Shape {
        id: "HEROKU_API_KEY",
        template: "HRKU-AA{u58}",
        env: "HEROKU_API_KEY",
        check: "high_entropy",
        keyword: false,
    },
    Shape {
        id: "HEROKU_API_KEY_LEGACY",
        template: "{uuid}",
        env: "HEROKU_API_KEY",
        check: "hex_token",
        keyword: true,
    },
    Shape {
        id: "GITLAB_DEPLOY_TOKEN",
        template: "gldt-{u20}",
        env: "GITLAB_DEPLOY_TOKEN",
        check: "high_entropy",
        keyword: false,
    },
    Shape {
        id: "GITLAB_RUNNER_TOKEN",
        template: "glrt-{u20}",
        env: "CI_RUNNER_TOKEN",
        check: "high_entropy",
        keyword: false,
    },
    Shape {
        id: "GITLAB_CI_JOB_TOKEN",
        template: "glcbt-{a2}_{u20}",
        env: "CI_JOB_TOKEN",
        check: "high_entropy",
        keyword: false,
    },
    Shape {
        id: "GITLAB_PIPELINE_TRIGGER_TOKEN",
        template: "glptt-{h40}",
        env: "GITLAB_TRIGGER_TOKEN",
        check: "high_entropy",
        keyword: false,
    },
    Shape {
        id: "GITLAB_FEED_TOKEN",
        template: "glft-{u20}",
        env: "GITLAB_FEED_TOKEN",
        check: "high_entropy",
        keyword: false,
    },
    Shape {
        id: "GITLAB_INCOMING_MAIL_TOKEN",
        template: "glimt-{u25}",
        env: "GITLAB_INCOMING_EMAIL_TOKEN",
        check: "high_entropy",
        keyword: false,
    },
    Shape {
        id: "GITLAB_AGENT_TOKEN",
        template: "glagent-{u50}",
        env: "GITLAB_AGENT_TOKEN",
        check: "high_entropy",
        keyword: false,
    },
    Shape {
        id: "GITLAB_OAUTH_APP_SECRET",
        template: "gloas-{u64}",
        env: "GITLAB_OAUTH_SECRET",
        check: "high_entropy",
        keyword: false,
    },
    Shape {
        id: "GITLAB_SCIM_TOKEN",
        template: "glsoat-{u20}",
        env: "GITLAB_SCIM_TOKEN",
        check: "high_entropy",
        keyword: false,
    },
    Shape {
        id: "GITLAB_FEATURE_FLAG_CLIENT_TOKEN",
        template: "glffct-{u20}",
        env: "UNLEASH_INSTANCE_TOKEN",
        check: "high_entropy",
        keyword: false,
    },
    Shape {
        id: "GITLAB_RUNNER_REGISTRATION_TOKEN",
        template: "GR1348941{u20}",
        env: "RUNNER_REGISTRATION_TOKEN",
        check: "high_entropy",
        keyword: false,
    },
    Shape {
        id: "ATLASSIAN_API_TOKEN",
        template: "ATATT3xFfGF0{u180}={H8}",
        env: "JIRA_API_TOKEN",
        check: "high_entropy",
        keyword: false,
    },
    Shape {
        id: "ATLASSIAN_API_TOKEN_LEGACY",
        template: "{a24}",
        env: "JIRA_API_TOKEN",
        check: "token_shape",
        keyword: true,
    },
    Shape {
        id: "BITBUCKET_APP_PASSWORD",
        template: "ATBB{a32}",
        env: "BITBUCKET_APP_PASSWORD",
        check: "high_entropy",
        keyword: false,
    },
    Shape {
        id: "BITBUCKET_ACCESS_TOKEN",
        template: "ATCTT3xFfGN0{u180}={H8}",
        env: "BITBUCKET_ACCESS_TOKEN",
        check: "high_entropy",
        keyword: false,
    },
    Shape {
        id: "DOCKER_HUB_TOKEN",
        template: "dckr_pat_{u27}",
        env: "DOCKERHUB_TOKEN",
        check: "high_entropy",
        keyword: false,
    },
    Shape {
        id: "RUBYGEMS_API_KEY",
        template: "rubygems_{h48}",
        env: "GEM_HOST_API_KEY",
        check: "high_entropy",
        keyword: false,
    },
    Shape {
        id: "NUGET_API_KEY",
        template: "oy2{l43}",
        env: "NUGET_API_KEY",
        check: "token_shape",
        keyword: true,
    },
    Shape {
        id: "CRATES_IO_TOKEN",
        template: "cio{a32}",
        env: "CARGO_REGISTRY_TOKEN",
        check: "token_shape",
        keyword: true,
    },
    Shape {
        id: "CLOJARS_DEPLOY_TOKEN",
        template: "CLOJARS_{l60}",
        env: "CLOJARS_PASSWORD",
        check: "high_entropy",
        keyword: false,
    },
    Shape {
        id: "ARTIFACTORY_API_KEY",
        template: "AKCp{a69}",
        env: "ARTIFACTORY_API_KEY",
        check: "high_entropy",
        keyword: false,
    },
    Shape {
        id: "ARTIFACTORY_REFERENCE_TOKEN",
        template: "cmVmdGtu{a56}",
        env: "JFROG_ACCESS_TOKEN",
        check: "high_entropy",
        keyword: false,
    },
    Shape {
        id: "SLACK_WORKFLOW_WEBHOOK_URL",
        template: "https://hooks.slack.com/workflows/T{U10}/A{U10}/{d18}/{a32}",
        env: "SLACK_WORKFLOW_URL",
        check: "high_entropy",
        keyword: false,
    },
    Shape {
        id: "DISCORD_WEBHOOK_URL",
        template: "https://discord.com/api/webhooks/{d19}/{u68}",
        env: "DISCORD_WEBHOOK",
        check: "high_entropy",
        keyword: false,
    },
    Shape {
        id: "TELEGRAM_BOT_TOKEN",
        template: "{d10}:AA{u33}",
        env: "TELEGRAM_BOT_TOKEN",
        check: "high_entropy",
        keyword: false,
    },
    Shape {
        id: "MICROSOFT_TEAMS_WEBHOOK_URL",
        template: "https://acme.webhook.office.com/webhookb2/{uuid}@{uuid}/IncomingWebhook/{h32}/{uuid}",
        env: "TEAMS_WEBHOOK_URL",
        check: "high_entropy",
        keyword: false,
    },
    Shape {
        id: "TWILIO_API_KEY",
        template: "SK{h32}",
        env: "TWILIO_API_KEY",
        check: "hex_token",
        keyword: true,
    },
    Shape {
        id: "TWILIO_AUTH_TOKEN",
        template: "{h32}",
        env: "TWILIO_AUTH_TOKEN",
        check: "hex_token",
        keyword: true,
    },
    Shape {
        id: "MAILGUN_API_KEY",
        template: "key-{h32}",
        env: "MAILGUN_API_KEY",
        check: "hex_token",
        keyword: false,
    },
    Shape {
        id: "MAILGUN_API_KEY_V2",
        template: "{h32}-{h8}-{h8}",
        env: "MAILGUN_API_KEY",
        check: "hex_token",
        keyword: true,
    },
    Shape {
        id: "MAILCHIMP_API_KEY",
        template: "{h32}-us{d2}",
        env: "MAILCHIMP_API_KEY",
        check: "hex_token",
        keyword: false,
    },
    Shape {
        id: "MANDRILL_API_KEY",
        template: "{u22}",
        env: "MANDRILL_API_KEY",
        check: "token_shape",
        keyword: true,
    },
    Shape {
        id: "BREVO_API_KEY",
        template: "xkeysib-{h64}-{a16}",
        env: "BREVO_API_KEY",
        check: "high_entropy",
        keyword: false,
    },
    Shape {
        id: "MAILERSEND_API_TOKEN",
        template: "mlsn.{h64}",
        env: "MAILERSEND_API_KEY",
        check: "high_entropy",
        keyword: false,
    },
    Shape {
        id: "POSTMARK_SERVER_TOKEN",
        template: "{uuid}",
        env: "POSTMARK_SERVER_TOKEN",
        check: "hex_token",
        keyword: true,
    },
    Shape {
        id: "RESEND_API_KEY",
        template: "re_{a8}_{a24}",
        env: "RESEND_API_KEY",
        check: "high_entropy",
        keyword: false,
    },
    Shape {
        id: "SENDBIRD_API_TOKEN",
        template: "{h40}",
        env: "SENDBIRD_API_TOKEN",
        check: "hex_token",
        keyword: true,
    },
    Shape {
        id: "STRIPE_WEBHOOK_SECRET",
        template: "whsec_{a32}",
        env: "STRIPE_WEBHOOK_SECRET",
        check: "high_entropy",
        keyword: false,
    },
    Shape {
        id: "SQUARE_ACCESS_TOKEN",
        template: "EAAA{u60}",
        env: "SQUARE_ACCESS_TOKEN",
        check: "high_entropy",
        keyword: false,
    },
    Shape {
        id: "SQUARE_OAUTH_SECRET",
        template: "sq0csp-{u43}",
        env: "SQUARE_APPLICATION_SECRET",
        check: "high_entropy",
        keyword: false,
    },
    Shape {
        id: "BRAINTREE_ACCESS_TOKEN",
        template: "access_token$production${l16}${h32}",
        env: "BRAINTREE_ACCESS_TOKEN",
        check: "high_entropy",
        keyword: false,
    },
    Shape {
        id: "PAYPAL_CLIENT_SECRET",
        template: "E{u79}",
        env: "PAYPAL_CLIENT_SECRET",
        check: "token_shape",
        keyword: true,
    },
    Shape {
        id: "SHOPIFY_ACCESS_TOKEN",
        template: "shpat_{h32}",
        env: "SHOPIFY_ACCESS_TOKEN",
        check: "high_entropy",
        keyword: false,
    },
    Shape {
        id: "SHOPIFY_CUSTOM_APP_TOKEN",
        template: "shpca_{h32}",
        env: "SHOPIFY_CUSTOM_APP_TOKEN",
        check: "high_entropy",
        keyword: false,
    },
    Shape {
        id: "SHOPIFY_PRIVATE_APP_TOKEN",
        template: "shppa_{h32}",
        env: "SHOPIFY_PRIVATE_APP_PASSWORD",
        check: "high_entropy",
        keyword: false,
    },
    Shape {
        id: "SHOPIFY_SHARED_SECRET",
        template: "shpss_{h32}",
        env: "SHOPIFY_API_SECRET",
        check: "high_entropy",
        keyword: false,
    },
    Shape {
        id: "FLUTTERWAVE_SECRET_KEY",
        template: "FLWSECK-{h32}-X",
        env: "FLW_SECRET_KEY",
        check: "high_entropy",
        keyword: false,
    },
    Shape {
        id: "FLUTTERWAVE_ENCRYPTION_KEY",
        template: "FLWSECK{h12}",
        env: "FLW_ENCRYPTION_KEY",
        check: "hex_token",
        keyword: false,
    },
    Shape {
        id: "SHIPPO_API_TOKEN",
        template: "shippo_live_{h40}",
        env: "SHIPPO_API_TOKEN",
        check: "high_entropy",
        keyword: false,
    },
    Shape {
        id: "DUFFEL_API_TOKEN",
        template: "duffel_live_{u43}",
        env: "DUFFEL_ACCESS_TOKEN",
        check: "high_entropy",
        keyword: false,
    },
    Shape {
        id: "EASYPOST_API_KEY",
        template: "EZAK{a54}",
        env: "EASYPOST_API_KEY",
        check: "high_entropy",
        keyword: false,
    },
    Shape {
        id: "PLAID_ACCESS_TOKEN",
        template: "access-production-{uuid}",
        env: "PLAID_ACCESS_TOKEN",
        check: "hex_token",
        keyword: false,
    },
    Shape {
        id: "RAZORPAY_KEY_SECRET",
        template: "{a24}",
        env: "RAZORPAY_KEY_SECRET",
        check: "token_shape",
        keyword: true,
    },
    Shape {
        id: "COINBASE_ACCESS_TOKEN",
        template: "{u64}",
        env: "COINBASE_ACCESS_TOKEN",
        check: "token_shape",
        keyword: true,
    },
    Shape {
        id: "OPENAI_API_KEY",
        template: "sk-proj-{u74}T3BlbkFJ{u74}",
        env: "OPENAI_API_KEY",
        check: "high_entropy",
        keyword: false,
    },
    Shape {
        id: "ANTHROPIC_API_KEY",
        template: "sk-ant-api03-{u93}AA",
        env: "ANTHROPIC_API_KEY",
        check: "high_entropy",
        keyword: false,
    },
    Shape {
        id: "ANTHROPIC_ADMIN_KEY",
        template: "sk-ant-admin01-{u93}AA",
        env: "ANTHROPIC_ADMIN_KEY",
        check: "high_entropy",
        keyword: false,
    },
    Shape {
        id: "HUGGINGFACE_TOKEN",
        template: "hf_{L34}",
        env: "HF_TOKEN",
        check: "high_entropy",
        keyword: false,
    },
    Shape {
        id: "HUGGINGFACE_ORG_TOKEN",
        template: "api_org_{L34}",
        env: "HUGGINGFACE_ORG_TOKEN",
        check: "high_entropy",
        keyword: false,
    },
    Shape {
        id: "GROQ_API_KEY",
        template: "gsk_{a52}",
        env: "GROQ_API_KEY",
        check: "high_entropy",
        keyword: false,
    },
    Shape {
        id: "PERPLEXITY_API_KEY",
        template: "pplx-{a48}",
        env: "PERPLEXITY_API_KEY",
        check: "high_entropy",
        keyword: false,
    },
    Shape {
        id: "XAI_API_KEY",
        template: "xai-{a80}",
        env: "XAI_API_KEY",
        check: "high_entropy",
        keyword: false,
    },
    Shape {
        id: "OPENROUTER_API_KEY",
        template: "sk-or-v1-{h64}",
        env: "OPENROUTER_API_KEY",
        check: "high_entropy",
        keyword: false,
    },
    Shape {
        id: "REPLICATE_API_TOKEN",
        template: "r8_{a37}",
        env: "REPLICATE_API_TOKEN",
        check: "high_entropy",
        keyword: false,
    },
    Shape {
        id: "LANGSMITH_API_KEY",
        template: "lsv2_pt_{h32}_{h10}",
        env: "LANGSMITH_API_KEY",
        check: "high_entropy",
        keyword: false,
    },
    Shape {
        id: "NVIDIA_API_KEY",
        template: "nvapi-{u64}",
        env: "NVIDIA_API_KEY",
        check: "high_entropy",
        keyword: false,
    },
    Shape {
        id: "PINECONE_API_KEY",
        template: "pcsk_{a6}_{a70}",
        env: "PINECONE_API_KEY",
        check: "high_entropy",
        keyword: false,
    },
    Shape {
        id: "COHERE_API_KEY",
        template: "{a40}",
        env: "COHERE_API_KEY",
        check: "token_shape",
        keyword: true,
    },
    Shape {
        id: "DEEPSEEK_API_KEY",
        template: "sk-{h32}",
        env: "DEEPSEEK_API_KEY",
        check: "hex_token",
        keyword: true,
    },
    Shape {
        id: "ELEVENLABS_API_KEY",
        template: "sk_{h48}",
        env: "ELEVENLABS_API_KEY",
        check: "hex_token",
        keyword: true,
    },
    Shape {
        id: "WANDB_API_KEY",
        template: "{h40}",
        env: "WANDB_API_KEY",
        check: "hex_token",
        keyword: true,
    },
    Shape {
        id: "MISTRAL_API_KEY",
        template: "{a32}",
        env: "MISTRAL_API_KEY",
        check: "token_shape",
        keyword: true,
    },
    Shape {
        id: "DATADOG_API_KEY",
        template: "{h32}",
        env: "DD_API_KEY",
        check: "hex_token",
        keyword: true,
    },
    Shape {
        id: "DATADOG_APP_KEY",
        template: "{h40}",
        env: "DD_APP_KEY",
        check: "hex_token",
        keyword: true,
    },
    Shape {
        id: "NEWRELIC_USER_API_KEY",
        template: "NRAK-{U27}",
        env: "NEW_RELIC_API_KEY",
        check: "high_entropy",
        keyword: false,
    },
    Shape {
        id: "NEWRELIC_INSERT_KEY",
        template: "NRII-{u32}",
        env: "NEW_RELIC_INSERT_KEY",
        check: "high_entropy",
        keyword: false,
    },
    Shape {
        id: "NEWRELIC_LICENSE_KEY",
        template: "{h36}NRAL",
        env: "NEW_RELIC_LICENSE_KEY",
        check: "high_entropy",
        keyword: false,
    },
    Shape {
        id: "NEWRELIC_BROWSER_KEY",
        template: "NRJS-{h19}",
        env: "NEW_RELIC_BROWSER_KEY",
        check: "high_entropy",
        keyword: false,
    },
    Shape {
        id: "SENTRY_USER_TOKEN",
        template: "sntryu_{h64}",
        env: "SENTRY_AUTH_TOKEN",
        check: "high_entropy",
        keyword: false,
    },
    Shape {
        id: "SENTRY_ORG_TOKEN",
        template: "sntrys_eyJ{b120}_{b42}Q",
        env: "SENTRY_AUTH_TOKEN",
        check: "high_entropy",
        keyword: false,
    },
    Shape {
        id: "SENTRY_AUTH_TOKEN_LEGACY",
        template: "{h64}",
        env: "SENTRY_AUTH_TOKEN",
        check: "hex_token",
        keyword: true,
    },
    Shape {
        id: "GRAFANA_SERVICE_ACCOUNT_TOKEN",
        template: "glsa_{a32}_{h8}",
        env: "GRAFANA_SERVICE_ACCOUNT_TOKEN",
        check: "high_entropy",
        keyword: false,
    },
    Shape {
        id: "GRAFANA_CLOUD_TOKEN",
        template: "glc_eyJ{b100}",
        env: "GRAFANA_CLOUD_TOKEN",
        check: "high_entropy",
        keyword: false,
    },
    Shape {
        id: "GRAFANA_API_KEY",
        template: "eyJrIjoi{a90}",
        env: "GRAFANA_API_KEY",
        check: "high_entropy",
        keyword: false,
    },
    Shape {
        id: "PAGERDUTY_API_KEY",
        template: "{u20}",
        env: "PAGERDUTY_API_KEY",
        check: "token_shape",
        keyword: true,
    },
    Shape {
        id: "DYNATRACE_API_TOKEN",
        template: "dt0c01.{U24}.{U64}",
        env: "DT_API_TOKEN",
        check: "high_entropy",
        keyword: false,
    },
    Shape {
        id: "HONEYCOMB_API_KEY",
        template: "hcaik_{l58}",
        env: "HONEYCOMB_API_KEY",
        check: "high_entropy",
        keyword: false,
    },
    Shape {
        id: "OKTA_API_TOKEN",
        template: "00{u40}",
        env: "OKTA_API_TOKEN",
        check: "token_shape",
        keyword: true,
    },
    Shape {
        id: "AUTH0_CLIENT_SECRET",
        template: "{u64}",
        env: "AUTH0_CLIENT_SECRET",
        check: "token_shape",
        keyword: true,
    },
    Shape {
        id: "ONEPASSWORD_SERVICE_ACCOUNT_TOKEN",
        template: "ops_eyJ{b300}",
        env: "OP_SERVICE_ACCOUNT_TOKEN",
        check: "high_entropy",
        keyword: false,
    },
    Shape {
        id: "ONEPASSWORD_SECRET_KEY",
        template: "A3-{U6}-{U6}-{U5}-{U5}-{U5}-{U5}",
        env: "OP_SECRET_KEY",
        check: "high_entropy",
        keyword: false,
    },
    Shape {
        id: "HASHICORP_VAULT_TOKEN",
        template: "hvs.{u95}",
        env: "VAULT_TOKEN",
        check: "high_entropy",
        keyword: false,
    },
    Shape {
        id: "HASHICORP_VAULT_BATCH_TOKEN",
        template: "hvb.{u160}",
        env: "VAULT_TOKEN",
        check: "high_entropy",
        keyword: false,
    },
    Shape {
        id: "HASHICORP_VAULT_TOKEN_LEGACY",
        template: "s.{a24}",
        env: "VAULT_TOKEN",
        check: "token_shape",
        keyword: true,
    },
    Shape {
        id: "TERRAFORM_CLOUD_TOKEN",
        template: "{a14}.atlasv1.{u67}",
        env: "TFE_TOKEN",
        check: "high_entropy",
        keyword: false,
    },
    Shape {
        id: "HCP_CLIENT_SECRET",
        template: "{u64}",
        env: "HCP_CLIENT_SECRET",
        check: "token_shape",
        keyword: true,
    },
    Shape {
        id: "DOPPLER_PERSONAL_TOKEN",
        template: "dp.pt.{a43}",
        env: "DOPPLER_TOKEN",
        check: "high_entropy",
        keyword: false,
    },
    Shape {
        id: "DOPPLER_SERVICE_TOKEN",
        template: "dp.st.prd.{a43}",
        env: "DOPPLER_TOKEN",
        check: "high_entropy",
        keyword: false,
    },
    Shape {
        id: "DOPPLER_SCIM_AUDIT_TOKEN",
        template: "dp.scim.{a43}",
        env: "DOPPLER_SCIM_TOKEN",
        check: "high_entropy",
        keyword: false,
    },
    Shape {
        id: "TAILSCALE_KEY",
        template: "tskey-auth-{a17}-{a33}",
        env: "TS_AUTHKEY",
        check: "high_entropy",
        keyword: false,
    },
    Shape {
        id: "DEFINED_NETWORKING_API_KEY",
        template: "dnkey-{a26}-{a52}",
        env: "DN_API_KEY",
        check: "high_entropy",
        keyword: false,
    },
    Shape {
        id: "LINEAR_API_KEY",
        template: "lin_api_{a40}",
        env: "LINEAR_API_KEY",
        check: "high_entropy",
        keyword: false,
    },
    Shape {
        id: "LINEAR_OAUTH_TOKEN",
        template: "lin_oauth_{h64}",
        env: "LINEAR_OAUTH_TOKEN",
        check: "high_entropy",
        keyword: false,
    },
    Shape {
        id: "NOTION_INTEGRATION_TOKEN",
        template: "ntn_{d11}{a35}",
        env: "NOTION_TOKEN",
        check: "high_entropy",
        keyword: false,
    },
    Shape {
        id: "NOTION_INTEGRATION_TOKEN_LEGACY",
        template: "secret_{a43}",
        env: "NOTION_API_KEY",
        check: "token_shape",
        keyword: true,
    },
    Shape {
        id: "AIRTABLE_PAT",
        template: "pat{a14}.{h64}",
        env: "AIRTABLE_TOKEN",
        check: "high_entropy",
        keyword: true,
    },
    Shape {
        id: "AIRTABLE_API_KEY",
        template: "key{a14}",
        env: "AIRTABLE_API_KEY",
        check: "token_shape",
        keyword: true,
    },
    Shape {
        id: "POSTMAN_API_KEY",
        template: "PMAK-{h24}-{h34}",
        env: "POSTMAN_API_KEY",
        check: "high_entropy",
        keyword: false,
    },
    Shape {
        id: "PULUMI_ACCESS_TOKEN",
        template: "pul-{h40}",
        env: "PULUMI_ACCESS_TOKEN",
        check: "high_entropy",
        keyword: false,
    },
    Shape {
        id: "DATABRICKS_TOKEN",
        template: "dapi{h32}",
        env: "DATABRICKS_TOKEN",
        check: "high_entropy",
        keyword: false,
    },
    Shape {
        id: "FIGMA_TOKEN",
        template: "figd_{u40}",
        env: "FIGMA_TOKEN",
        check: "high_entropy",
        keyword: false,
    },
    Shape {
        id: "TYPEFORM_TOKEN",
        template: "tfp_{u59}",
        env: "TYPEFORM_TOKEN",
        check: "high_entropy",
        keyword: false,
    },
    Shape {
        id: "ASANA_TOKEN",
        template: "2/{d16}/{d16}:{h32}",
        env: "ASANA_ACCESS_TOKEN",
        check: "hex_token",
        keyword: true,
    },
    Shape {
        id: "MAPBOX_SECRET_TOKEN",
        template: "sk.eyJ{u60}.{u22}",
        env: "MAPBOX_SECRET_TOKEN",
        check: "high_entropy",
        keyword: false,
    },
    Shape {
        id: "DROPBOX_SHORT_LIVED_TOKEN",
        template: "sl.{u140}",
        env: "DROPBOX_ACCESS_TOKEN",
        check: "high_entropy",
        keyword: false,
    },
    Shape {
        id: "DROPBOX_LONG_LIVED_TOKEN",
        template: "{l11}AAAAAAAAAA{u43}",
        env: "DROPBOX_TOKEN",
        check: "high_entropy",
        keyword: false,
    },
    Shape {
        id: "FASTLY_API_TOKEN",
        template: "{u32}",
        env: "FASTLY_API_TOKEN",
        check: "token_shape",
        keyword: true,
    },
    Shape {
        id: "CLOUDFLARE_API_TOKEN",
        template: "{u40}",
        env: "CLOUDFLARE_API_TOKEN",
        check: "token_shape",
        keyword: true,
    },
    Shape {
        id: "CLOUDFLARE_GLOBAL_API_KEY",
        template: "{h37}",
        env: "CLOUDFLARE_API_KEY",
        check: "hex_token",
        keyword: true,
    },
    Shape {
        id: "CLOUDFLARE_ORIGIN_CA_KEY",
        template: "v1.0-{h24}-{h146}",
        env: "CF_ORIGIN_CA_KEY",
        check: "high_entropy",
        keyword: false,
    },
    Shape {
        id: "NETLIFY_ACCESS_TOKEN",
        template: "nfp_{a36}",
        env: "NETLIFY_AUTH_TOKEN",
        check: "high_entropy",
        keyword: false,
    },
    Shape {
        id: "NETLIFY_ACCESS_TOKEN_LEGACY",
        template: "{u43}",
        env: "NETLIFY_AUTH_TOKEN",
        check: "token_shape",
        keyword: true,
    },
    Shape {
        id: "VERCEL_TOKEN",
        template: "{a24}",
        env: "VERCEL_TOKEN",
        check: "token_shape",
        keyword: true,
    },
    Shape {
        id: "RENDER_API_KEY",
        template: "rnd_{a32}",
        env: "RENDER_API_KEY",
        check: "high_entropy",
        keyword: false,
    },
    Shape {
        id: "FLY_IO_TOKEN",
        template: "fo1_{u43}",
        env: "FLY_API_TOKEN",
        check: "high_entropy",
        keyword: false,
    },
    Shape {
        id: "SUPABASE_ACCESS_TOKEN",
        template: "sbp_{h40}",
        env: "SUPABASE_ACCESS_TOKEN",
        check: "high_entropy",
        keyword: false,
    },
    Shape {
        id: "SUPABASE_SECRET_KEY",
        template: "sb_secret_{u31}",
        env: "SUPABASE_SECRET_KEY",
        check: "high_entropy",
        keyword: false,
    },
    Shape {
        id: "PLANETSCALE_TOKEN",
        template: "pscale_pw_{u43}",
        env: "PLANETSCALE_PASSWORD",
        check: "high_entropy",
        keyword: false,
    },
    Shape {
        id: "SONARQUBE_TOKEN",
        template: "squ_{h40}",
        env: "SONAR_TOKEN",
        check: "high_entropy",
        keyword: false,
    },
    Shape {
        id: "BUILDKITE_TOKEN",
        template: "bkua_{h40}",
        env: "BUILDKITE_API_TOKEN",
        check: "high_entropy",
        keyword: false,
    },
    Shape {
        id: "CIRCLECI_TOKEN",
        template: "CCIPAT_{a22}_{h40}",
        env: "CIRCLECI_TOKEN",
        check: "high_entropy",
        keyword: false,
    },
    Shape {
        id: "PREFECT_API_KEY",
        template: "pnu_{a36}",
        env: "PREFECT_API_KEY",
        check: "high_entropy",
        keyword: false,
    },
    Shape {
        id: "README_API_KEY",
        template: "rdme_{l70}",
        env: "README_API_KEY",
        check: "high_entropy",
        keyword: false,
    },
    Shape {
        id: "INFRACOST_API_KEY",
        template: "ico-{a32}",
        env: "INFRACOST_API_KEY",
        check: "high_entropy",
        keyword: false,
    },
    Shape {
        id: "SCALINGO_API_TOKEN",
        template: "tk-us-{u48}",
        env: "SCALINGO_API_TOKEN",
        check: "high_entropy",
        keyword: false,
    },
    Shape {
        id: "FRAMEIO_API_TOKEN",
        template: "fio-u-{u64}",
        env: "FRAMEIO_TOKEN",
        check: "high_entropy",
        keyword: false,
    },
    Shape {
        id: "ADOBE_CLIENT_SECRET",
        template: "p8e-{a32}",
        env: "ADOBE_CLIENT_SECRET",
        check: "high_entropy",
        keyword: false,
    },
    Shape {
        id: "CONTENTFUL_TOKEN",
        template: "CFPAT-{u43}",
        env: "CONTENTFUL_MANAGEMENT_TOKEN",
        check: "high_entropy",
        keyword: false,
    },
    Shape {
        id: "OCTOPUS_DEPLOY_API_KEY",
        template: "API-{U26}",
        env: "OCTOPUS_API_KEY",
        check: "token_shape",
        keyword: false,
    },
    Shape {
        id: "HARNESS_API_KEY",
        template: "pat.{u21}A.{h24}.{a20}",
        env: "HARNESS_API_KEY",
        check: "high_entropy",
        keyword: false,
    },
    Shape {
        id: "HUBSPOT_PRIVATE_APP_TOKEN",
        template: "pat-na1-{uuid}",
        env: "HUBSPOT_ACCESS_TOKEN",
        check: "hex_token",
        keyword: false,
    },
    Shape {
        id: "ZENDESK_API_TOKEN",
        template: "{a40}",
        env: "ZENDESK_API_TOKEN",
        check: "token_shape",
        keyword: true,
    },
    Shape {
        id: "TWITCH_OAUTH_TOKEN",
        template: "{l30}",
        env: "TWITCH_CLIENT_SECRET",
        check: "token_shape",
        keyword: true,
    },
    Shape {
        id: "TWITTER_BEARER_TOKEN",
        template: "AAAAAAAAAAAAAAAAAAAAAA{a100}",
        env: "TWITTER_BEARER_TOKEN",
        check: "high_entropy",
        keyword: false,
    },
    Shape {
        id: "FACEBOOK_ACCESS_TOKEN",
        template: "EAAG{a150}",
        env: "FACEBOOK_ACCESS_TOKEN",
        check: "high_entropy",
        keyword: false,
    },
    Shape {
        id: "ALGOLIA_ADMIN_KEY",
        template: "{h32}",
        env: "ALGOLIA_ADMIN_KEY",
        check: "hex_token",
        keyword: true,
    },
    Shape {
        id: "SNYK_TOKEN",
        template: "{uuid}",
        env: "SNYK_TOKEN",
        check: "hex_token",
        keyword: true,
    },
    Shape {
        id: "NGROK_AUTHTOKEN",
        template: "2{a26}_{a21}",
        env: "NGROK_AUTHTOKEN",
        check: "token_shape",
        keyword: true,
    },
    Shape {
        id: "LAUNCHDARKLY_ACCESS_TOKEN",
        template: "api-{uuid}",
        env: "LAUNCHDARKLY_ACCESS_TOKEN",
        check: "hex_token",
        keyword: true,
    },
    Shape {
        id: "SAMSARA_API_TOKEN",
        template: "samsara_api_{a30}",
        env: "SAMSARA_API_TOKEN",
        check: "high_entropy",
        keyword: false,
    },
    Shape {
        id: "ZAPIER_WEBHOOK_URL",
        template: "https://hooks.zapier.com/hooks/catch/{d8}/{l7}/",
        env: "ZAPIER_WEBHOOK_URL",
        check: "high_entropy",
        keyword: false,
    },
    Shape {
        id: "AKAMAI_EDGEGRID_TOKEN",
        template: "akab-{l16}-{l16}",
        env: "AKAMAI_CLIENT_TOKEN",
        check: "high_entropy",
        keyword: false,
    },
    Shape {
        id: "ONFIDO_API_TOKEN",
        template: "api_live.{u11}.{u32}",
        env: "ONFIDO_API_TOKEN",
        check: "high_entropy",
        keyword: false,
    },
    Shape {
        id: "INTRA42_CLIENT_SECRET",
        template: "s-s4t2ud-{h64}",
        env: "FT_CLIENT_SECRET",
        check: "high_entropy",
        keyword: false,
    },
    Shape {
        id: "SETTLEMINT_TOKEN",
        template: "sm_pat_{a16}",
        env: "SETTLEMINT_ACCESS_TOKEN",
        check: "high_entropy",
        keyword: false,
    },
    Shape {
        id: "MAXMIND_LICENSE_KEY",
        template: "{a6}_{a29}_mmk",
        env: "MAXMIND_LICENSE_KEY",
        check: "high_entropy",
        keyword: false,
    },
    Shape {
        id: "ALIBABA_ACCESS_KEY_ID",
        template: "LTAI{a20}",
        env: "ALIBABA_CLOUD_ACCESS_KEY_ID",
        check: "token_shape",
        keyword: false,
    },
    Shape {
        id: "ALIBABA_ACCESS_KEY_SECRET",
        template: "{a30}",
        env: "ALIBABA_CLOUD_ACCESS_KEY_SECRET",
        check: "token_shape",
        keyword: true,
    },
    Shape {
        id: "TENCENT_SECRET_ID",
        template: "AKID{a32}",
        env: "TENCENTCLOUD_SECRET_ID",
        check: "token_shape",
        keyword: false,
    },
    Shape {
        id: "TENCENT_SECRET_KEY",
        template: "{a32}",
        env: "TENCENTCLOUD_SECRET_KEY",
        check: "token_shape",
        keyword: true,
    },
    Shape {
        id: "YANDEX_CLOUD_API_KEY",
        template: "AQVN{u36}",
        env: "YC_API_KEY",
        check: "high_entropy",
        keyword: false,
    },
    Shape {
        id: "YANDEX_CLOUD_IAM_TOKEN",
        template: "t1.{u60}.{u86}",
        env: "YC_IAM_TOKEN",
        check: "high_entropy",
        keyword: false,
    },
    Shape {
        id: "SCALEWAY_SECRET_KEY",
        template: "{uuid}",
        env: "SCW_SECRET_KEY",
        check: "hex_token",
        keyword: true,
    },
    Shape {
        id: "IBM_CLOUD_API_KEY",
        template: "{u44}",
        env: "IBMCLOUD_API_KEY",
        check: "token_shape",
        keyword: true,
    },
    Shape {
        id: "LINODE_API_TOKEN",
        template: "{h64}",
        env: "LINODE_TOKEN",
        check: "hex_token",
        keyword: true,
    },
    Shape {
        id: "HETZNER_API_TOKEN",
        template: "{a64}",
        env: "HCLOUD_TOKEN",
        check: "token_shape",
        keyword: true,
    },
    Shape {
        id: "VULTR_API_KEY",
        template: "{U36}",
        env: "VULTR_API_KEY",
        check: "token_shape",
        keyword: true,
    },
    Shape {
        id: "MONGODB_ATLAS_API_KEY",
        template: "{uuid}",
        env: "MONGODB_ATLAS_PRIVATE_KEY",
        check: "hex_token",
        keyword: true,
    },
];

/// Detectors whose values need more than a template; `special_line` builds their lines.
const SPECIAL: &[&str] = &[
    "AWS_SECRETS_MANAGER_SECRET",
    "AZURE_STORAGE_CONNECTION_STRING",
    "AZURE_SAS_TOKEN",
    "AZURE_SERVICE_BUS_CONNECTION_STRING",
    "AZURE_COSMOSDB_CONNECTION_STRING",
    "AZURE_APP_CONFIGURATION_CONNECTION_STRING",
    "GCP_SERVICE_ACCOUNT_KEY",
    "GITLAB_SESSION_COOKIE",
    "PYPI_TOKEN",
    "DISCORD_BOT_TOKEN",
    "SPLUNK_HEC_TOKEN",
    "AGE_SECRET_KEY",
    "DB_CONNECTION_STRING_PASSWORD",
    "POSTGRES_KEYWORD_DSN_PASSWORD",
    "JDBC_URL_PASSWORD",
    "REDIS_AUTH_PASSWORD",
    PASSWORD_ASSIGNMENT,
    SECRET_ASSIGNMENT,
];

/// Detector ids this family's files plant.
pub(crate) const DETECTORS: &[&str] = &[
    "AWS_SECRETS_MANAGER_SECRET",
    "AZURE_STORAGE_CONNECTION_STRING",
    "AZURE_SAS_TOKEN",
    "AZURE_SERVICE_BUS_CONNECTION_STRING",
    "AZURE_COSMOSDB_CONNECTION_STRING",
    "AZURE_APP_CONFIGURATION_CONNECTION_STRING",
    "GCP_SERVICE_ACCOUNT_KEY",
    "GITLAB_SESSION_COOKIE",
    "PYPI_TOKEN",
    "DISCORD_BOT_TOKEN",
    "SPLUNK_HEC_TOKEN",
    "AGE_SECRET_KEY",
    "DB_CONNECTION_STRING_PASSWORD",
    "POSTGRES_KEYWORD_DSN_PASSWORD",
    "JDBC_URL_PASSWORD",
    "REDIS_AUTH_PASSWORD",
    PASSWORD_ASSIGNMENT,
    SECRET_ASSIGNMENT,
    "AWS_SESSION_TOKEN",
    "AWS_BEDROCK_API_KEY",
    "AWS_MWS_AUTH_TOKEN",
    "AZURE_STORAGE_ACCOUNT_KEY",
    "AZURE_AD_CLIENT_SECRET",
    "AZURE_AD_CLIENT_SECRET_LEGACY",
    "AZURE_OPENAI_API_KEY",
    "AZURE_DEVOPS_PAT",
    "GCP_OAUTH_CLIENT_SECRET",
    "GCP_OAUTH_ACCESS_TOKEN",
    "GCP_OAUTH_REFRESH_TOKEN",
    "FIREBASE_CLOUD_MESSAGING_SERVER_KEY",
    "DIGITALOCEAN_PAT",
    "DIGITALOCEAN_OAUTH_TOKEN",
    "DIGITALOCEAN_REFRESH_TOKEN",
    "HEROKU_API_KEY",
    "HEROKU_API_KEY_LEGACY",
    "GITLAB_DEPLOY_TOKEN",
    "GITLAB_RUNNER_TOKEN",
    "GITLAB_CI_JOB_TOKEN",
    "GITLAB_PIPELINE_TRIGGER_TOKEN",
    "GITLAB_FEED_TOKEN",
    "GITLAB_INCOMING_MAIL_TOKEN",
    "GITLAB_AGENT_TOKEN",
    "GITLAB_OAUTH_APP_SECRET",
    "GITLAB_SCIM_TOKEN",
    "GITLAB_FEATURE_FLAG_CLIENT_TOKEN",
    "GITLAB_RUNNER_REGISTRATION_TOKEN",
    "ATLASSIAN_API_TOKEN",
    "ATLASSIAN_API_TOKEN_LEGACY",
    "BITBUCKET_APP_PASSWORD",
    "BITBUCKET_ACCESS_TOKEN",
    "DOCKER_HUB_TOKEN",
    "RUBYGEMS_API_KEY",
    "NUGET_API_KEY",
    "CRATES_IO_TOKEN",
    "CLOJARS_DEPLOY_TOKEN",
    "ARTIFACTORY_API_KEY",
    "ARTIFACTORY_REFERENCE_TOKEN",
    "SLACK_WORKFLOW_WEBHOOK_URL",
    "DISCORD_WEBHOOK_URL",
    "TELEGRAM_BOT_TOKEN",
    "MICROSOFT_TEAMS_WEBHOOK_URL",
    "TWILIO_API_KEY",
    "TWILIO_AUTH_TOKEN",
    "MAILGUN_API_KEY",
    "MAILGUN_API_KEY_V2",
    "MAILCHIMP_API_KEY",
    "MANDRILL_API_KEY",
    "BREVO_API_KEY",
    "MAILERSEND_API_TOKEN",
    "POSTMARK_SERVER_TOKEN",
    "RESEND_API_KEY",
    "SENDBIRD_API_TOKEN",
    "STRIPE_WEBHOOK_SECRET",
    "SQUARE_ACCESS_TOKEN",
    "SQUARE_OAUTH_SECRET",
    "BRAINTREE_ACCESS_TOKEN",
    "PAYPAL_CLIENT_SECRET",
    "SHOPIFY_ACCESS_TOKEN",
    "SHOPIFY_CUSTOM_APP_TOKEN",
    "SHOPIFY_PRIVATE_APP_TOKEN",
    "SHOPIFY_SHARED_SECRET",
    "FLUTTERWAVE_SECRET_KEY",
    "FLUTTERWAVE_ENCRYPTION_KEY",
    "SHIPPO_API_TOKEN",
    "DUFFEL_API_TOKEN",
    "EASYPOST_API_KEY",
    "PLAID_ACCESS_TOKEN",
    "RAZORPAY_KEY_SECRET",
    "COINBASE_ACCESS_TOKEN",
    "OPENAI_API_KEY",
    "ANTHROPIC_API_KEY",
    "ANTHROPIC_ADMIN_KEY",
    "HUGGINGFACE_TOKEN",
    "HUGGINGFACE_ORG_TOKEN",
    "GROQ_API_KEY",
    "PERPLEXITY_API_KEY",
    "XAI_API_KEY",
    "OPENROUTER_API_KEY",
    "REPLICATE_API_TOKEN",
    "LANGSMITH_API_KEY",
    "NVIDIA_API_KEY",
    "PINECONE_API_KEY",
    "COHERE_API_KEY",
    "DEEPSEEK_API_KEY",
    "ELEVENLABS_API_KEY",
    "WANDB_API_KEY",
    "MISTRAL_API_KEY",
    "DATADOG_API_KEY",
    "DATADOG_APP_KEY",
    "NEWRELIC_USER_API_KEY",
    "NEWRELIC_INSERT_KEY",
    "NEWRELIC_LICENSE_KEY",
    "NEWRELIC_BROWSER_KEY",
    "SENTRY_USER_TOKEN",
    "SENTRY_ORG_TOKEN",
    "SENTRY_AUTH_TOKEN_LEGACY",
    "GRAFANA_SERVICE_ACCOUNT_TOKEN",
    "GRAFANA_CLOUD_TOKEN",
    "GRAFANA_API_KEY",
    "PAGERDUTY_API_KEY",
    "DYNATRACE_API_TOKEN",
    "HONEYCOMB_API_KEY",
    "OKTA_API_TOKEN",
    "AUTH0_CLIENT_SECRET",
    "ONEPASSWORD_SERVICE_ACCOUNT_TOKEN",
    "ONEPASSWORD_SECRET_KEY",
    "HASHICORP_VAULT_TOKEN",
    "HASHICORP_VAULT_BATCH_TOKEN",
    "HASHICORP_VAULT_TOKEN_LEGACY",
    "TERRAFORM_CLOUD_TOKEN",
    "HCP_CLIENT_SECRET",
    "DOPPLER_PERSONAL_TOKEN",
    "DOPPLER_SERVICE_TOKEN",
    "DOPPLER_SCIM_AUDIT_TOKEN",
    "TAILSCALE_KEY",
    "DEFINED_NETWORKING_API_KEY",
    "LINEAR_API_KEY",
    "LINEAR_OAUTH_TOKEN",
    "NOTION_INTEGRATION_TOKEN",
    "NOTION_INTEGRATION_TOKEN_LEGACY",
    "AIRTABLE_PAT",
    "AIRTABLE_API_KEY",
    "POSTMAN_API_KEY",
    "PULUMI_ACCESS_TOKEN",
    "DATABRICKS_TOKEN",
    "FIGMA_TOKEN",
    "TYPEFORM_TOKEN",
    "ASANA_TOKEN",
    "MAPBOX_SECRET_TOKEN",
    "DROPBOX_SHORT_LIVED_TOKEN",
    "DROPBOX_LONG_LIVED_TOKEN",
    "FASTLY_API_TOKEN",
    "CLOUDFLARE_API_TOKEN",
    "CLOUDFLARE_GLOBAL_API_KEY",
    "CLOUDFLARE_ORIGIN_CA_KEY",
    "NETLIFY_ACCESS_TOKEN",
    "NETLIFY_ACCESS_TOKEN_LEGACY",
    "VERCEL_TOKEN",
    "RENDER_API_KEY",
    "FLY_IO_TOKEN",
    "SUPABASE_ACCESS_TOKEN",
    "SUPABASE_SECRET_KEY",
    "PLANETSCALE_TOKEN",
    "SONARQUBE_TOKEN",
    "BUILDKITE_TOKEN",
    "CIRCLECI_TOKEN",
    "PREFECT_API_KEY",
    "README_API_KEY",
    "INFRACOST_API_KEY",
    "SCALINGO_API_TOKEN",
    "FRAMEIO_API_TOKEN",
    "ADOBE_CLIENT_SECRET",
    "CONTENTFUL_TOKEN",
    "OCTOPUS_DEPLOY_API_KEY",
    "HARNESS_API_KEY",
    "HUBSPOT_PRIVATE_APP_TOKEN",
    "ZENDESK_API_TOKEN",
    "TWITCH_OAUTH_TOKEN",
    "TWITTER_BEARER_TOKEN",
    "FACEBOOK_ACCESS_TOKEN",
    "ALGOLIA_ADMIN_KEY",
    "SNYK_TOKEN",
    "NGROK_AUTHTOKEN",
    "LAUNCHDARKLY_ACCESS_TOKEN",
    "SAMSARA_API_TOKEN",
    "ZAPIER_WEBHOOK_URL",
    "AKAMAI_EDGEGRID_TOKEN",
    "ONFIDO_API_TOKEN",
    "INTRA42_CLIENT_SECRET",
    "SETTLEMINT_TOKEN",
    "MAXMIND_LICENSE_KEY",
    "ALIBABA_ACCESS_KEY_ID",
    "ALIBABA_ACCESS_KEY_SECRET",
    "TENCENT_SECRET_ID",
    "TENCENT_SECRET_KEY",
    "YANDEX_CLOUD_API_KEY",
    "YANDEX_CLOUD_IAM_TOKEN",
    "SCALEWAY_SECRET_KEY",
    "IBM_CLOUD_API_KEY",
    "LINODE_API_TOKEN",
    "HETZNER_API_TOKEN",
    "VULTR_API_KEY",
    "MONGODB_ATLAS_API_KEY",
];

fn password(f: &mut Fake) -> String {
    loop {
        let symbol = f.pick(&['!', '#', '%', '*', '+', '?', '@', '^', '~']);
        let value = format!("{}{symbol}{}", f.alnum(6), f.alnum(5));
        if password_ok(&value) {
            return value;
        }
    }
}

fn shape_value(f: &mut Fake, shape: &Shape) -> String {
    loop {
        let value = fill(f, shape.template, None);
        if shape_ok(shape.check, &value) && !card_shaped(&value) {
            return value;
        }
    }
}

/// Whether a run of 13 to 19 digits in `value` would pass as a payment card (ids in webhook URLs and
/// Asana tokens are long digit runs); such values are drawn again.
fn card_shaped(value: &str) -> bool {
    value.split(|c: char| !c.is_ascii_digit()).any(|run| {
        let digits = super::digit_values(run);
        (13..=19).contains(&digits.len()) && super::card_valid(&digits)
    })
}

/// A PyPI token: `pypi-` and base64url of a version-2 macaroon with PyPI's location, a UUID
/// identifier, one caveat and a 32-byte signature.
fn pypi_token(f: &mut Fake) -> String {
    use base64::Engine as _;
    let location: &[u8] = if f.chance(0.8) { b"pypi.org" } else { b"test.pypi.org" };
    let id = f.uuid();
    let caveat = if f.chance(0.5) {
        r#"{"version": 1, "permissions": "user"}"#.to_string()
    } else {
        format!(
            r#"{{"version": 1, "permissions": {{"projects": ["acme-{}"]}}}}"#,
            f.hex(4)
        )
    };
    let mut m = vec![2, 1, location.len() as u8];
    m.extend_from_slice(location);
    m.extend([2, id.len() as u8]);
    m.extend_from_slice(id.as_bytes());
    m.push(0);
    m.extend([2, caveat.len() as u8]);
    m.extend_from_slice(caveat.as_bytes());
    m.extend([0, 0, 6, 32]);
    m.extend(f.bytes(32));
    format!("pypi-{}", base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(m))
}

fn pypi_valid(value: &str) -> bool {
    use base64::Engine as _;
    let Some(body) = value.strip_prefix("pypi-") else {
        return false;
    };
    let Ok(m) = base64::engine::general_purpose::URL_SAFE_NO_PAD.decode(body) else {
        return false;
    };
    let header_ok =
        m.starts_with(b"\x02\x01\x08pypi.org\x02\x24") || m.starts_with(b"\x02\x01\x0dtest.pypi.org\x02\x24");
    let tail_ok = m.len() > 36 && m[m.len() - 36..m.len() - 32] == [0, 0, 6, 32];
    header_ok && tail_ok
}

const BECH32: &[u8] = b"qpzry9x8gf2tvdw0s3jn54khce6mua7l";

fn bech32_polymod(values: impl Iterator<Item = u8>) -> u32 {
    const GENERATOR: [u32; 5] = [0x3b6a_57b2, 0x2650_8e6d, 0x1ea1_19fa, 0x3d42_33dd, 0x2a14_62b3];
    let mut checksum = 1u32;
    for v in values {
        let top = checksum >> 25;
        checksum = ((checksum & 0x01ff_ffff) << 5) ^ u32::from(v);
        for (i, g) in GENERATOR.iter().enumerate() {
            if (top >> i) & 1 == 1 {
                checksum ^= g;
            }
        }
    }
    checksum
}

fn hrp_values(hrp: &str) -> Vec<u8> {
    hrp.bytes()
        .map(|b| b >> 5)
        .chain([0])
        .chain(hrp.bytes().map(|b| b & 31))
        .collect()
}

/// An age identity: 32 random bytes as 52 Bech32 groups under `age-secret-key-`, uppercased.
fn age_key(f: &mut Fake) -> String {
    let mut groups: Vec<u8> = (0..51).map(|_| f.int(0..=31) as u8).collect();
    groups.push(if f.chance(0.5) { 16 } else { 0 });
    let mut values = hrp_values("age-secret-key-");
    values.extend(&groups);
    values.extend([0; 6]);
    let checksum = bech32_polymod(values.into_iter()) ^ 1;
    let mut out = String::from("AGE-SECRET-KEY-1");
    out.extend(
        groups
            .iter()
            .map(|&g| char::from(BECH32[usize::from(g)].to_ascii_uppercase())),
    );
    out.extend((0..6).map(|i| char::from(BECH32[((checksum >> (5 * (5 - i))) & 31) as usize].to_ascii_uppercase())));
    out
}

fn age_valid(value: &str) -> bool {
    let lower = value.to_ascii_lowercase();
    let Some(data) = lower.strip_prefix("age-secret-key-1") else {
        return false;
    };
    let Some(values) = data
        .bytes()
        .map(|b| BECH32.iter().position(|&c| c == b).map(|p| p as u8))
        .collect::<Option<Vec<u8>>>()
    else {
        return false;
    };
    values.len() == 58 && bech32_polymod(hrp_values("age-secret-key-").into_iter().chain(values)) == 1
}

fn discord_token(f: &mut Fake) -> String {
    use base64::Engine as _;
    let extra = f.int(0..=1) as usize;
    let id = format!("{}{}", f.int(1..=9), f.digits(17 + extra));
    format!(
        "{}.{}.{}",
        base64::engine::general_purpose::STANDARD_NO_PAD.encode(id),
        fill(f, "{u6}", None),
        fill(f, "{u38}", None)
    )
}

fn discord_valid(value: &str) -> bool {
    use base64::Engine as _;
    let first = value.split('.').next().unwrap_or("");
    base64::engine::general_purpose::STANDARD_NO_PAD
        .decode(first)
        .is_ok_and(|id| (17..=20).contains(&id.len()) && id[0] != b'0' && id.iter().all(u8::is_ascii_digit))
}

/// A planted line for a detector in `SPECIAL`.
fn special_line(f: &mut Fake, id: &str) -> String {
    match id {
        "AWS_SECRETS_MANAGER_SECRET" => {
            let name = f.pick(&["prod/orders/db", "ci/deploy-key", "payments/gateway", "shared/smtp"]);
            let region = f.pick(&["us-east-1", "eu-west-2", "ap-southeast-2"]);
            format!(
                r#"{{"ARN": "arn:aws:secretsmanager:{region}:{}:secret:{name}-{}", "Name": "{name}", "VersionId": "{}", "SecretString": "{}", "VersionStages": ["AWSCURRENT"]}}"#,
                f.digits(12),
                f.alnum(6),
                f.uuid(),
                plant(id, &f.alnum(32))
            )
        }
        "AZURE_STORAGE_CONNECTION_STRING" => format!(
            "AZURE_STORAGE_CONNECTION_STRING=\"DefaultEndpointsProtocol=https;AccountName={};AccountKey={};EndpointSuffix=core.windows.net\"",
            fill(f, "{l12}", None),
            plant(id, &fill(f, "{b86}==", None))
        ),
        "AZURE_SAS_TOKEN" => format!(
            "backup_url: https://{}.blob.core.windows.net/backups/db.bak?sv=2022-11-02&ss=b&srt=co&sp=rl&se=2025-01-01T00:00:00Z&spr=https&sig={}",
            fill(f, "{l10}", None),
            plant(id, &fill(f, "{a40}%2B{a10}%3D", None))
        ),
        "AZURE_SERVICE_BUS_CONNECTION_STRING" => format!(
            "SERVICEBUS_CONNECTION=\"Endpoint=sb://{}.servicebus.windows.net/;SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey={}\"",
            fill(f, "{l8}", None),
            plant(id, &fill(f, "{b43}=", None))
        ),
        "AZURE_COSMOSDB_CONNECTION_STRING" => format!(
            "COSMOS_CONNECTION_STRING=\"AccountEndpoint=https://{}.documents.azure.com:443/;AccountKey={};\"",
            fill(f, "{l10}", None),
            plant(id, &fill(f, "{b86}==", None))
        ),
        "AZURE_APP_CONFIGURATION_CONNECTION_STRING" => {
            let secret = fill(f, "{b43}=", None);
            format!(
                "APP_CONFIG_CONNECTION=\"Endpoint=https://{}.azconfig.io;Id={}-l0-s0:{};Secret={}\"",
                fill(f, "{l10}", None),
                f.alnum(4),
                f.alnum(20),
                plant_keyed(id, "Secret", &secret)
            )
        }
        "GCP_SERVICE_ACCOUNT_KEY" => format!(
            r#"{{"type": "service_account", "project_id": "acme-{}", "private_key_id": "{}", "private_key": "-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\n-----END PRIVATE KEY-----\n", "client_email": "{}"}}"#,
            fill(f, "{l6}", None),
            plant(
                id,
                &shape_value(
                    f,
                    &Shape {
                        id: "",
                        template: "{h40}",
                        env: "",
                        check: "hex_token",
                        keyword: false
                    }
                )
            ),
            plant(
                "EMAIL_ADDRESS",
                &format!("deployer@acme-{}.iam.gserviceaccount.com", fill(f, "{l6}", None))
            )
        ),
        "GITLAB_SESSION_COOKIE" => format!(
            "browser session: _gitlab_session={}; event_filter=all; sidebar_collapsed=false",
            plant(
                id,
                &shape_value(
                    f,
                    &Shape {
                        id: "",
                        template: "{h32}",
                        env: "",
                        check: "hex_token",
                        keyword: false
                    }
                )
            )
        ),
        "PYPI_TOKEN" => format!("TWINE_PASSWORD={}", plant(id, &pypi_token(f))),
        "DISCORD_BOT_TOKEN" => format!("DISCORD_BOT_TOKEN={}", plant(id, &discord_token(f))),
        "SPLUNK_HEC_TOKEN" => format!(
            "curl -k https://hec.internal:8088/services/collector -H \"Authorization: Splunk {}\" -d @event.json",
            plant(
                id,
                &shape_value(
                    f,
                    &Shape {
                        id: "",
                        template: "{uuid}",
                        env: "",
                        check: "hex_token",
                        keyword: false
                    }
                )
            )
        ),
        "AGE_SECRET_KEY" => format!("SOPS_AGE_KEY={}", plant(id, &age_key(f))),
        "DB_CONNECTION_STRING_PASSWORD" => {
            let value = password(f);
            let key = f.pick(&["Password", "Pwd"]);
            format!(
                "\"DefaultConnection\": \"Server=tcp:{}.database.windows.net,1433;Database=orders;User ID=app;{key}={};Encrypt=True\"",
                fill(f, "{l8}", None),
                plant_keyed(id, key, &value)
            )
        }
        "POSTGRES_KEYWORD_DSN_PASSWORD" => {
            let value = password(f);
            format!(
                "PG_DSN=\"host=db{}.internal port=5432 dbname=orders user=etl password={} sslmode=require\"",
                f.int(1..=9),
                plant_keyed(id, "password", &value)
            )
        }
        "JDBC_URL_PASSWORD" => {
            let value = password(f);
            format!(
                "spring.datasource.url=jdbc:mysql://db{}.internal:3306/sales?user=app&password={}",
                f.int(1..=9),
                plant_keyed(id, "password", &value)
            )
        }
        "REDIS_AUTH_PASSWORD" => format!("requirepass {}", plant(id, &password(f))),
        PASSWORD_ASSIGNMENT => {
            let key = f.pick(&[
                "DB_PASSWORD",
                "SMTP_PASSWORD",
                "admin_passwd",
                "LDAP_BIND_PWD",
                "keystore_passphrase",
            ]);
            format!("{key}={}", plant(id, &password(f)))
        }
        SECRET_ASSIGNMENT => {
            let key = f.pick(&[
                "APP_SECRET",
                "client_secret",
                "WEBHOOK_SECRET",
                "api_key",
                "INTERNAL_AUTH_TOKEN",
            ]);
            let value = loop {
                let v = f.alnum(32);
                if generic_secret_ok(&v) {
                    break v;
                }
            };
            format!("{key}={}", plant(id, &value))
        }
        other => panic!("no line builder for {other}"),
    }
}

/// The filler between planted lines: 40 characters, no keyword of any detector.
fn filler(f: &mut Fake, comment: &str) -> String {
    format!(
        "{comment} ---- rotated {}-{:02}-{:02} by ops ----",
        2020 + f.int(0..=4),
        f.int(1..=12),
        f.int(1..=28)
    )
}

fn planted_line(f: &mut Fake, shape: &Shape, format: usize) -> String {
    let value = shape_value(f, shape);
    let env = shape.env;
    let key = env.to_ascii_lowercase();
    match format {
        0 => format!("{env}={}", plant_keyed(shape.id, env, &value)),
        1 => format!("  {key}: \"{}\"", plant_keyed(shape.id, &key, &value)),
        2 => format!(
            "{{\"service\": \"svc-{}\", \"{key}\": \"{}\"}}",
            f.int(1..=40),
            plant_keyed(shape.id, &key, &value)
        ),
        _ => format!(
            "2024-03-{:02}T{:02}:{:02}:11Z INFO [config] exported {env}={} for job {}",
            f.int(1..=28),
            f.int(0..=23),
            f.int(0..=59),
            plant_keyed(shape.id, env, &value),
            f.int(1000..=9999)
        ),
    }
}

/// One corpus file: every template shape `rounds` times in one of four formats, and the special
/// lines `special_rounds` times (JSON Lines files carry none: their lines are not JSON).
fn planted_file(doc: &mut Doc, f: &mut Fake, format: usize, rounds: usize, special_rounds: usize) {
    let comment = if format == 2 { "//" } else { "#" };
    let separate = |doc: &mut Doc, f: &mut Fake, round: usize| {
        if format == 2 {
            doc.line(format!("{{\"note\": \"{}\", \"round\": {round}}}", filler(f, "")));
        } else {
            doc.line(filler(f, comment));
        }
    };
    for round in 0..rounds.max(special_rounds) {
        if round < rounds {
            for shape in SHAPES {
                separate(doc, f, round);
                doc.line(planted_line(f, shape, format));
            }
        }
        if round < special_rounds {
            for id in SPECIAL {
                separate(doc, f, round);
                doc.line(special_line(f, id));
            }
        }
    }
}

fn services_env(doc: &mut Doc, f: &mut Fake) {
    doc.line("# Service credentials for the staging cluster, exported from the old config repo.");
    planted_file(doc, f, 0, 9, 9);
}

fn secrets_yaml(doc: &mut Doc, f: &mut Fake) {
    doc.line("# Helm values: integrations");
    doc.line("integrations:");
    planted_file(doc, f, 1, 9, 9);
}

fn deploy_jsonl(doc: &mut Doc, f: &mut Fake) {
    planted_file(doc, f, 2, 8, 0);
}

fn vault_sync_log(doc: &mut Doc, f: &mut Fake) {
    planted_file(doc, f, 3, 8, 16);
}

/// Values that must not be found: placeholders in every shape, prefixes named in prose, keyword-less
/// random strings of the keyword-driven shapes, and checksum failures.
fn decoys_md(doc: &mut Doc, f: &mut Fake) {
    doc.line("# Integration notes");
    doc.line("");
    for shape in SHAPES {
        doc.line(filler(f, ">"));
        doc.line(format!("{}={}", shape.env, fill(f, shape.template, Some('x'))));
        doc.line(filler(f, ">"));
        let prefix = shape.template.split('{').next().unwrap_or("");
        if !prefix.is_empty() {
            doc.line(format!(
                "Values of this kind begin with `{prefix}` and are rotated every quarter."
            ));
            doc.line(filler(f, ">"));
        }
        if shape.keyword {
            doc.line(format!("artifact {} uploaded", shape_value(f, shape)));
            doc.line(filler(f, ">"));
        }
    }
    for _ in 0..10 {
        doc.line(filler(f, ">"));
        let mut broken = pypi_token(f);
        broken.truncate(broken.len() - 8);
        doc.line(format!("TWINE_PASSWORD={broken}"));
        doc.line(filler(f, ">"));
        let mut age = age_key(f);
        let last = age.pop().expect("keys are not empty");
        age.push(if last == 'Q' { 'P' } else { 'Q' });
        doc.line(format!("SOPS_AGE_KEY={age}"));
        doc.line(filler(f, ">"));
        doc.line(format!(
            "DISCORD_BOT_TOKEN={}.{}.{}",
            f.alnum(24),
            fill(f, "{u6}", None),
            fill(f, "{u38}", None)
        ));
        doc.line(filler(f, ">"));
        doc.line(f.pick(&[
            "DB_PASSWORD=${DB_PASSWORD}",
            "password = os.environ[\"DB_PASSWORD\"]",
            "password: <your-password>",
            "admin_password = \"********\"",
            "PWD=/home/runner/work/app",
            "api_key = os.getenv(\"API_KEY\")",
            "client_secret: {{ vault_client_secret }}",
            "SECRET_KEY=xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
        ]));
    }
}

/// This family's labelled files, in the order expected.jsonl lists them.
pub(crate) const FILES: &[(&str, super::Generate)] = &[
    ("core/credentials/services.env", services_env),
    ("core/credentials/helm-values.yaml", secrets_yaml),
    ("core/credentials/deploy.jsonl", deploy_jsonl),
    ("core/credentials/vault-sync.log", vault_sync_log),
    ("core/credentials/integration-notes.md", decoys_md),
];

/// Whether a planted value passes its own checksum; `None` for detectors this family does not know.
pub(crate) fn check_planted(detector: &str, value: &str) -> Option<bool> {
    match detector {
        "PYPI_TOKEN" => Some(pypi_valid(value)),
        "AGE_SECRET_KEY" => Some(age_valid(value)),
        "DISCORD_BOT_TOKEN" => Some(discord_valid(value)),
        _ => None,
    }
}

#[allow(dead_code, reason = "MIN_PLANTED is the bound the rounds above are sized for")]
const ROUNDS_COVER_MIN: () = assert!(9 + 9 + 8 + 8 >= MIN_PLANTED);
