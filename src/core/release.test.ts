import { afterEach, describe, expect, it } from 'vitest';
import { releaseBuffer } from './release.ts';

const proto = ArrayBuffer.prototype as ArrayBuffer & { transfer?(length: number): ArrayBuffer };
const had = Object.getOwnPropertyDescriptor(proto, 'transfer');

afterEach(() => {
  if (had) Object.defineProperty(proto, 'transfer', had);
  else delete proto.transfer;
});

describe('releaseBuffer', () => {
  it('detaches the buffer through ArrayBuffer.prototype.transfer(0) where the engine has it', () => {
    const calls: number[] = [];
    Object.defineProperty(proto, 'transfer', { configurable: true, value(this: ArrayBuffer, length: number) { calls.push(this.byteLength, length); return new ArrayBuffer(length); } });
    releaseBuffer(new Float32Array(8).buffer);
    expect(calls).toEqual([32, 0]);
  });

  it('leaves the buffer alone where it has not', () => {
    delete proto.transfer;
    const a = new Float32Array([1, 2]);
    releaseBuffer(a.buffer);
    expect(Array.from(a)).toEqual([1, 2]);
  });
});
