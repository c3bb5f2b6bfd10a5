/// <reference types="mocha" />
// The agent console's slash commands: every rich type from one line of text.
import { expect } from '@open-wc/testing';
import { parseAgentCommand } from './agent-commands.js';

describe('agent commands (unit)', () => {
  it('makes a card with text, image and both kinds of buttons', () => {
    expect(parseAgentCommand('/card Brake service | €29 | https://img.test/p.jpg | Book=book | Prices=https://x.test/p')).to.deep.include({
      type: 'card', title: 'Brake service', text: '€29', imageUrl: 'https://img.test/p.jpg',
    });
    const card = parseAgentCommand('/card A | B=b | C=https://c.test') as { buttons: unknown[] };
    expect(card.buttons).to.deep.equal([{ type: 'postback', title: 'B', payload: 'b' }, { type: 'url', title: 'C', url: 'https://c.test' }]);
  });

  it('makes quick replies and buttons', () => {
    expect(parseAgentCommand('/quick Which size? | Small | Medium=size:m')).to.deep.equal({
      type: 'quick-replies', text: 'Which size?', replies: [{ title: 'Small' }, { title: 'Medium', payload: 'size:m' }],
    });
    expect(parseAgentCommand('/buttons Next? | Book=book')).to.deep.equal({ type: 'buttons', text: 'Next?', buttons: [{ type: 'postback', title: 'Book', payload: 'book' }] });
  });

  it('makes a carousel of cards', () => {
    const carousel = parseAgentCommand('/carousel One | first ; Two ; Three') as { type: string; cards: Array<{ title: string }> };
    expect(carousel.type).to.equal('carousel');
    expect(carousel.cards.map((card) => card.title)).to.deep.equal(['One', 'Two', 'Three']);
  });

  it('leaves ordinary text and unknown commands alone', () => {
    expect(parseAgentCommand('hello /card')).to.equal(undefined);
    expect(parseAgentCommand('/unknown thing')).to.equal(undefined);
  });
});
