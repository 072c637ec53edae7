// Vendors plotly.js into the jar at build time, so notebook charts never load it from a CDN.
// Run by Maven (exec-maven-plugin, generate-resources): node scripts/vendor-plotly.mjs <project.build.directory>
// It packs the pinned npm package into <target>/plotly with `npm pack`, checks the bundle's sha256, and copies
// the minified bundle and its licence to <target>/classes/dev/eddy/notebook/plotly/. A build whose target already
// holds the right file does nothing, so later builds need no network.
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const PACKAGE = "plotly.js-dist-min";
const VERSION = "4.1.2";
const SHA256 = process.env.EDDY_PLOTLY_SHA256 ?? "2f645d1bade8182fce161b7f10f89402f8b315805250ff4a94672a28d23c390a";

const target = process.argv[2] ?? "target";
const work = join(target, "plotly");
const out = join(target, "classes", "dev", "eddy", "notebook", "plotly");
const bundle = join(out, "plotly.min.js");

const sha256 = (file) => createHash("sha256").update(readFileSync(file)).digest("hex");

if (existsSync(bundle) && sha256(bundle) === SHA256) {
  process.exit(0);
}
mkdirSync(work, { recursive: true });
mkdirSync(out, { recursive: true });
const npm = process.platform === "win32" ? "npm.cmd" : "npm";
const tarball = join(work, `${PACKAGE}-${VERSION}.tgz`);
if (!existsSync(tarball)) {
  execFileSync(npm, ["pack", `${PACKAGE}@${VERSION}`, "--pack-destination", work, "--prefer-offline", "--silent"],
    { stdio: ["ignore", "ignore", "inherit"] });
}
execFileSync("tar", ["-xzf", tarball, "-C", work]);
const unpacked = join(work, "package");
const got = sha256(join(unpacked, "plotly.min.js"));
if (got !== SHA256) {
  console.error(`${PACKAGE}@${VERSION} plotly.min.js must have sha256 ${SHA256}; got ${got} instead; `
    + "if the version was changed on purpose, update SHA256 in scripts/vendor-plotly.mjs");
  process.exit(1);
}
copyFileSync(join(unpacked, "plotly.min.js"), bundle);
const licence = readdirSync(unpacked).find((f) => /^licen[cs]e/i.test(f));
if (licence) copyFileSync(join(unpacked, licence), join(out, "LICENSE"));
writeFileSync(join(out, "version.txt"), `${PACKAGE} ${VERSION}\n`);
