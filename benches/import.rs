//! Importing a 100,000-row client list into an empty firm: reading the
//! CSV, checking every row, and the one transaction that writes it all.
//! The target is 5 seconds.

use std::hint::black_box;

use cabinet::api::local::Core;
use cabinet::transfer::{self, ImportOptions, NoProgress};
use criterion::{BatchSize, Criterion, criterion_group, criterion_main};

const ROWS: usize = 100_000;

/// A QuickBooks-style export in French Excel's form: semicolons, CRLF,
/// quoted cells, accents.
fn client_list(rows: usize) -> Vec<u8> {
    let cities = [
        "Montréal",
        "Québec",
        "Laval",
        "Gatineau",
        "Sherbrooke",
        "Lévis",
    ];
    let trades = [
        "Plomberie",
        "Boulangerie",
        "Garage",
        "Clinique",
        "Café",
        "Atelier",
    ];
    let people = [
        "Tremblay",
        "Gagnon",
        "Roy",
        "Côté",
        "Bouchard",
        "Gauthier",
        "Lévesque",
    ];
    let mut s = String::from(
        "\u{FEFF}Numéro de client;Nom;Entreprise;Courriel;Téléphone;Rue;Ville;Province;Code postal;Pays;Remarques\r\n",
    );
    for i in 0..rows {
        let trade = trades[i % trades.len()];
        let person = people[(i / 7) % people.len()];
        let city = cities[(i / 3) % cities.len()];
        s.push_str(&format!(
            "{n};\"{trade} {person} {i}, inc.\";{trade} {person};compta{i}@exemple.ca;514-555-{p:04};\
             \"{i} rue Principale\r\nbureau {b}\";{city};QC;H{d}A 1A1;Canada;\"Client depuis {y}; paie par chèque\"\r\n",
            n = 10_000 + i,
            p = i % 10_000,
            b = i % 400,
            d = i % 10,
            y = 1990 + i % 35,
        ));
    }
    s.into_bytes()
}

fn import(c: &mut Criterion) {
    let file = client_list(ROWS);
    let mut group = c.benchmark_group("import");
    group.sample_size(10);
    group.measurement_time(std::time::Duration::from_secs(60));
    group.bench_function("100k rows into an empty firm", |b| {
        b.iter_batched(
            || {
                let dir = tempfile::tempdir().unwrap();
                let core = Core::open(&dir.path().join("firm")).unwrap();
                let session = core.session("marie").unwrap();
                (dir, core, session)
            },
            |(dir, core, session)| {
                let report = transfer::import(
                    &session,
                    black_box(&file),
                    &ImportOptions::default(),
                    &NoProgress,
                )
                .unwrap();
                assert_eq!(report.created, ROWS);
                (dir, core, session)
            },
            BatchSize::PerIteration,
        );
    });
    group.finish();
}

criterion_group!(benches, import);
criterion_main!(benches);
