"""Whose letterhead a letter is printed on: the board's, or the organisation of an officer who signs for it (the
local authority's director of children's services, who notifies the partners of an incident)."""

from __future__ import annotations

from dataclasses import dataclass

from ...model import Board, Contact


@dataclass(frozen=True)
class Letterhead:
    """The head of a letter's first page: the sender's name, postal address and how to reach them."""

    name: str
    address: str
    phone: str | None = None
    fax: str | None = None
    email: str | None = None
    website: str | None = None


def board_letterhead(board: Board) -> Letterhead:
    """The board's own letterhead, from its profile."""
    return Letterhead(board.name, board.address.one_line(), board.phone, board.fax, board.email, board.website)


def signer_letterhead(board: Board, signer: Contact) -> Letterhead:
    """The letterhead of the organisation the signer writes for: theirs when the profile gives it with an address
    and it is not the board, else the board's."""
    organisation = signer.organisation
    if not organisation or organisation == board.name or signer.address is None:
        return board_letterhead(board)
    address = signer.address.model_copy(
        update={"lines": [line for line in signer.address.lines if line != organisation]}
    )
    return Letterhead(organisation, address.one_line(), signer.phone, None, signer.email)  # its name printed once
