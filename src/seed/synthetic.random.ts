// The seeded PRNG lives in src/lib (network analytics uses it too); kept here for the generator and eval.
export { Random, ZipfSampler } from "../lib/random";
