// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {IInterbankPayments} from "../interfaces/IInterbankPayments.sol";

/**
 * @title NonPayingInterbank
 * @notice Test-only: a "rail" a market could be routed to that accepts `payFor` and pays nobody, to show that the
 * cross-bank settlement delivers the eBL only when the payee was actually credited.
 */
contract NonPayingInterbank {
    /**
     * @notice Accepts the payment and does nothing.
     * @param payment Ignored.
     * @param quote Ignored.
     * @param dealerSignature Ignored.
     */
    function payFor(
        IInterbankPayments.Payment calldata payment,
        IInterbankPayments.Quote calldata quote,
        bytes calldata dealerSignature
    ) external pure {
        (payment, quote, dealerSignature);
    }
}
