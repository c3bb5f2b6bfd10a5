/// <reference types="mocha" />
// The forms' browser-side checks follow the server's rules (required, email and phone formats,
// select options, consent), and the pre-chat answers map onto the contact route's body.
import { expect } from '@open-wc/testing';
import type { PreChatField } from '../../core/protocol.js';
import { problemOf, type FormField } from './form-fields.js';
import { contactRequest } from './pre-chat-form.js';

const field = (kind: FormField['kind'], required = true, options?: string[]): FormField => ({ name: kind, label: kind, kind, required, ...(options ? { options } : {}) });

describe('chat form checks (unit)', () => {
  it('asks for required answers only', () => {
    expect(problemOf(field('text'), '')).to.equal('Please fill in this field.');
    expect(problemOf(field('text', false), '')).to.equal('');
    expect(problemOf(field('select', true, ['A']), '')).to.equal('Please choose an option.');
    expect(problemOf(field('consent'), false)).to.equal('Please accept to continue.');
    expect(problemOf(field('consent', false), false)).to.equal('');
    expect(problemOf(field('consent'), true)).to.equal('');
  });

  it('takes the email and phone formats the server takes', () => {
    for (const good of ['ann@example.com', 'a.b+c@mail.example.co.uk']) expect(problemOf(field('email'), good), good).to.equal('');
    for (const bad of ['ann@example', 'ann@@example.com', 'ann example@x.com', '@example.com', 'ann@<x>.com']) expect(problemOf(field('email'), bad), bad).to.contain('email');
    for (const good of ['+49 30 1234-56', '030 (123) 45.67', '0123']) expect(problemOf(field('phone'), good), good).to.equal('');
    for (const bad of ['call me', '+', '12', '+49 30 abc', '(030) 123']) expect(problemOf(field('phone'), bad), bad).to.contain('phone');
    expect(problemOf(field('select', true, ['A', 'B']), 'C')).to.equal('Please choose an option.');
  });

  it('puts name, email and phone at the top of the contact and the rest in answers, leaving out empty ones', () => {
    const fields: PreChatField[] = [
      { name: 'who', label: 'Name', type: 'name', required: true },
      { name: 'mail', label: 'Email', type: 'email', required: false },
      { name: 'tel', label: 'Phone', type: 'phone', required: false },
      { name: 'topic', label: 'Topic', type: 'select', required: false, options: ['A'] },
      { name: 'note', label: 'Note', type: 'text', required: false },
      { name: 'ok', label: 'OK', type: 'consent', required: false },
    ];
    expect(contactRequest(fields, { who: 'Ann', mail: 'ann@example.com', tel: '', topic: 'A', note: '', ok: false })).to.deep.equal({
      name: 'Ann', email: 'ann@example.com', answers: { topic: 'A', ok: false },
    });
  });
});
